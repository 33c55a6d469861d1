package io.ovpo.core.cache;

import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.ports.out.TraceViewCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The query side's read-through of {@link TraceViewCache} (spec 05 §10): a trace detail or list
 * page is served from the cache when a live entry exists, else loaded from the stores and stored
 * with the stamp of the miss, so a snapshot loaded before a write can never outlive the writer's
 * invalidation.
 *
 * <p>The cache never fails a read: a lookup or put that throws, an entry that cannot be decoded or
 * that names another tenant or trace, are all served from the stores, counted in {@code
 * view_cache_errors_total}, and for {@link ViewCacheSettings#pauseAfterFailure()} after a failure
 * reads skip the cache altogether. Hits and misses are counted in {@code view_cache_requests_total}
 * ({@code view} = {@code detail} | {@code list}, {@code result} = {@code hit} | {@code miss} |
 * {@code skipped}).
 */
public final class TraceViewReads {
  private static final System.Logger LOG = System.getLogger(TraceViewReads.class.getName());
  private static final String DETAIL = "detail";
  private static final String LIST = "list";

  private final TraceViewCache cache;
  private final TraceViewCodec codec;
  private final ViewCacheSettings settings;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final boolean enabled;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

  public TraceViewReads(
      TraceViewCache cache,
      TraceViewCodec codec,
      ViewCacheSettings settings,
      Clock clock,
      MetricsRecorder metrics) {
    this(cache, codec, settings, clock, metrics, true);
  }

  private TraceViewReads(
      TraceViewCache cache,
      TraceViewCodec codec,
      ViewCacheSettings settings,
      Clock clock,
      MetricsRecorder metrics,
      boolean enabled) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.enabled = enabled && cache != TraceViewCache.none();
  }

  /** No caching: every read loads from the stores. */
  public static TraceViewReads disabled() {
    return new TraceViewReads(
        TraceViewCache.none(),
        new UnusedCodec(),
        ViewCacheSettings.DEFAULT,
        Clock.systemUTC(),
        MetricsRecorder.noop(),
        false);
  }

  /**
   * The tenant's trace detail with this events page, from the cache or {@code load}. Exceptions of
   * {@code load} (NOT_FOUND, ...) propagate and nothing is cached.
   */
  public TraceDetail detail(
      TenantId tenant,
      TraceId traceId,
      int eventsLimit,
      Optional<EventPageKey> after,
      Supplier<TraceDetail> load) {
    if (!enabled) {
      return load.get();
    }
    String variant = ViewKeys.detail(eventsLimit, after);
    return read(
        DETAIL,
        () -> cache.getTrace(tenant, traceId, variant),
        bytes -> {
          TraceDetail d = codec.decodeDetail(bytes);
          return d.trace().tenantId().equals(tenant) && d.trace().traceId().equals(traceId)
              ? Optional.of(d)
              : Optional.empty();
        },
        load,
        (stamp, d) ->
            store(
                DETAIL,
                codec.encodeDetail(d),
                bytes ->
                    cache.putTrace(tenant, traceId, variant, stamp, bytes, settings.detailTtl())));
  }

  /** The tenant's trace-list page for this query, from the cache or {@code load}. */
  public TraceListResult list(
      TenantId tenant,
      TraceListRequest query,
      Optional<PageKey> after,
      Supplier<TraceListResult> load) {
    if (!enabled) {
      return load.get();
    }
    String key = ViewKeys.list(query, after);
    return read(
        LIST,
        () -> cache.getList(tenant, key),
        bytes -> {
          TraceListResult page = codec.decodeList(bytes);
          return page.data().stream().map(TraceRecord::tenantId).allMatch(tenant::equals)
              ? Optional.of(page)
              : Optional.empty();
        },
        load,
        (stamp, page) ->
            store(
                LIST,
                codec.encodeList(page),
                bytes -> cache.putList(tenant, key, stamp, bytes, settings.listTtl())));
  }

  private <V> V read(
      String view,
      Supplier<CacheLookup> lookup,
      Function<byte[], Optional<V>> decode,
      Supplier<V> load,
      StampedPut<V> put) {
    if (paused()) {
      count(view, "skipped");
      return load.get();
    }
    CacheLookup found;
    try {
      found = lookup.get();
    } catch (RuntimeException e) {
      failed(view, "get", e);
      count(view, "miss");
      return load.get();
    }
    if (found instanceof CacheLookup.Hit hit) {
      Optional<V> cached = decoded(view, hit.value(), decode);
      if (cached.isPresent()) {
        count(view, "hit");
        return cached.get();
      }
      // Unreadable, or not this tenant's and trace's: serve the stores, leave it to its TTL.
      count(view, "miss");
      return load.get();
    }
    String stamp = ((CacheLookup.Miss) found).stamp();
    count(view, "miss");
    V fresh = load.get();
    try {
      put.put(stamp, fresh);
    } catch (RuntimeException e) {
      failed(view, "put", e);
    }
    return fresh;
  }

  private <V> Optional<V> decoded(String view, byte[] bytes, Function<byte[], Optional<V>> decode) {
    try {
      Optional<V> value = decode.apply(bytes);
      if (value.isEmpty()) {
        error(view, "mismatch", null);
      }
      return value;
    } catch (RuntimeException e) {
      error(view, "decode", e);
      return Optional.empty();
    }
  }

  private void store(String view, byte[] bytes, Function<byte[], Boolean> put) {
    if (bytes.length > settings.maxValueBytes()) {
      metrics.increment("view_cache_oversized_total", 1, "view", view);
      return;
    }
    put.apply(bytes);
  }

  private boolean paused() {
    return clock.instant().isBefore(pausedUntil.get());
  }

  private void failed(String view, String op, RuntimeException e) {
    error(view, op, e);
    Duration pause = settings.pauseAfterFailure();
    if (!pause.isZero()) {
      pausedUntil.set(clock.instant().plus(pause));
    }
  }

  private void error(String view, String op, RuntimeException e) {
    metrics.increment("view_cache_errors_total", 1, "view", view, "op", op);
    LOG.log(
        System.Logger.Level.DEBUG,
        () -> "view cache " + op + " failed for a " + view + "; served from the stores",
        e);
  }

  private void count(String view, String result) {
    metrics.increment("view_cache_requests_total", 1, "view", view, "result", result);
  }

  /** Stores a freshly loaded view under the stamp of the miss. */
  @FunctionalInterface
  private interface StampedPut<V> {
    void put(String stamp, V value);
  }

  /** The codec of {@link #disabled()}, which never encodes anything. */
  private static final class UnusedCodec implements TraceViewCodec {
    @Override
    public byte[] encodeDetail(TraceDetail detail) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TraceDetail decodeDetail(byte[] bytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] encodeList(TraceListResult page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TraceListResult decodeList(byte[] bytes) {
      throw new UnsupportedOperationException();
    }
  }
}
