package io.ovpo.app.common.wiring;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.core.cache.InvalidatingTraceStore;
import io.ovpo.core.cache.ViewCacheSettings;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Duration;
import java.util.List;

/**
 * Picks the query views' cache ({@code OVPO_CACHE}) and makes every trace-record write of this
 * process invalidate it, by wrapping the trace store every service gets. {@code auto} takes Redis
 * when {@code OVPO_REDIS_URL} is set (shared by all instances), the in-process cache when the
 * stores are in memory (then one process holds everything), and none otherwise: a query process
 * with its own cache would not see another process's writes.
 */
final class ViewCaching {
  private ViewCaching() {}

  static void apply(OvpoConfig config, Backends b, InMemoryAdapters memory) {
    TraceViewCache cache =
        switch (config.string(Setting.CACHE)) {
          case "off" -> TraceViewCache.none();
          case "local" -> memory.traceViewCache();
          case "redis" ->
              b.redisViewCache.orElseThrow(
                  () -> new ConfigException(List.of("OVPO_CACHE=redis needs OVPO_REDIS_URL")));
          default ->
              b.redisViewCache.orElse(
                  config.store().equals("memory")
                      ? memory.traceViewCache()
                      : TraceViewCache.none());
        };
    settings(config); // refuse bad TTLs at start-up, not at the first read
    b.viewCache = cache;
    if (cache != TraceViewCache.none()) {
      b.traces = new InvalidatingTraceStore(b.traces, cache);
    }
  }

  static ViewCacheSettings settings(OvpoConfig config) {
    try {
      return new ViewCacheSettings(
          Duration.ofMillis(config.integer(Setting.CACHE_DETAIL_TTL_MS)),
          Duration.ofMillis(config.integer(Setting.CACHE_LIST_TTL_MS)),
          Math.max(1, config.integer(Setting.CACHE_MAX_VALUE_BYTES)),
          ViewCacheSettings.DEFAULT.pauseAfterFailure());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          List.of("OVPO_CACHE_DETAIL_TTL_MS / OVPO_CACHE_LIST_TTL_MS: " + e.getMessage()));
    }
  }
}
