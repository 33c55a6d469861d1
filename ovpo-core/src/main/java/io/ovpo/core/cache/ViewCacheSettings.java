package io.ovpo.core.cache;

import io.ovpo.ports.out.TraceViewCache;
import java.time.Duration;
import java.util.Objects;

/**
 * How long query views are cached, and the limits around it.
 *
 * @param detailTtl lifetime of a cached trace detail (the live state of a running trace): short,
 *     since invalidation already removes a changed trace at once
 * @param listTtl lifetime of a cached trace-list page
 * @param maxValueBytes views encoding to more bytes are served but not cached (a detail with
 *     thousands of frame events)
 * @param pauseAfterFailure after a cache failure, reads skip the cache this long, so an unreachable
 *     cache costs one timeout now and then instead of one per read
 */
public record ViewCacheSettings(
    Duration detailTtl, Duration listTtl, int maxValueBytes, Duration pauseAfterFailure) {
  public static final ViewCacheSettings DEFAULT =
      new ViewCacheSettings(
          Duration.ofSeconds(3), Duration.ofSeconds(3), 1024 * 1024, Duration.ofSeconds(5));

  public ViewCacheSettings {
    TraceViewCache.checkTtl(detailTtl);
    TraceViewCache.checkTtl(listTtl);
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be positive");
    }
    Objects.requireNonNull(pauseAfterFailure, "pauseAfterFailure");
    if (pauseAfterFailure.isNegative()) {
      throw new IllegalArgumentException("pauseAfterFailure must not be negative");
    }
  }
}
