package io.ovpo.ports.out;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Short-lived snapshots of query views, as bytes (see {@link TraceViewCodec}): a trace's detail
 * (for a running trace, its live state), keyed by tenant, trace id and a variant (the events page
 * asked for), and pages of the trace list, keyed by tenant and a normalized query. Keys never cross
 * tenants: a lookup sees only what was put under the same tenant.
 *
 * <p><b>Stamps.</b> A miss returns a stamp, and a put stores only when nothing invalidated the
 * entry's scope (the trace, or the tenant's list pages) since the lookup that returned it. A reader
 * that loaded a view from the stores before a write committed therefore cannot store it after the
 * writer's invalidation: writers invalidate after every committed write, and from that moment on no
 * earlier snapshot is ever returned. A stamp may also go stale without an invalidation (bounds,
 * expiry of the backend's bookkeeping): then a put returns false, which is always safe.
 *
 * <p><b>TTL.</b> An entry is never returned once its TTL (at most {@link #MAX_TTL}) has passed, as
 * measured by the backend; it may be dropped earlier (capacity, restarts).
 *
 * <p><b>Failures.</b> Transient backend failures throw {@link
 * io.ovpo.ports.error.StoreUnavailableException}. Readers treat them as a miss and read the stores;
 * a writer whose invalidation failed must report its write as failed (so it is retried).
 *
 * <p>Variants and list queries are built by core: 1 to 128 characters of {@link #KEY}.
 */
public interface TraceViewCache extends HealthCheck {
  /** Longest TTL a put may ask for: these are hot, short-lived caches. */
  Duration MAX_TTL = Duration.ofMinutes(1);

  /** What a variant or list-query key may contain. */
  Pattern KEY = Pattern.compile("^[A-Za-z0-9._:@+=-]{1,128}$");

  /** The trace's view under {@code variant}, or a miss with the stamp to put with. */
  CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant);

  /**
   * Keeps {@code value} (copied) under the trace and variant for {@code ttl}, replacing what was
   * there, unless the trace was invalidated since the lookup that returned {@code stamp}.
   *
   * @return whether it was stored
   * @throws IllegalArgumentException for a bad key, or a TTL not in (0, {@link #MAX_TTL}]
   */
  boolean putTrace(
      TenantId tenant, TraceId traceId, String variant, String stamp, byte[] value, Duration ttl);

  /** The tenant's list page for {@code query}, or a miss with the stamp to put with. */
  CacheLookup getList(TenantId tenant, String query);

  /**
   * Like {@link #putTrace}, for a list page; refused when the tenant's list pages were invalidated
   * since the lookup that returned {@code stamp}.
   */
  boolean putList(TenantId tenant, String query, String stamp, byte[] value, Duration ttl);

  /** Drops every variant of these traces of the tenant and voids stamps issued for them. */
  void invalidate(TenantId tenant, Collection<TraceId> traceIds);

  /** Drops every list page of the tenant and voids stamps issued for them. */
  void invalidateLists(TenantId tenant);

  /** Checks a variant or list-query key. */
  static String checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("cache key must match " + KEY.pattern());
    }
    return key;
  }

  /** Checks a TTL: positive and at most {@link #MAX_TTL}. */
  static Duration checkTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("cache TTL must be in (0, " + MAX_TTL + "]");
    }
    return ttl;
  }

  /** A cache that keeps nothing: every lookup misses, every put is refused. */
  static TraceViewCache none() {
    return NoViewCache.INSTANCE;
  }
}
