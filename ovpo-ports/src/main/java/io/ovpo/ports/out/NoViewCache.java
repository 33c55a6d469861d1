package io.ovpo.ports.out;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.time.Duration;
import java.util.Collection;

/** {@link TraceViewCache#none()}: caching switched off. */
final class NoViewCache implements TraceViewCache {
  static final NoViewCache INSTANCE = new NoViewCache();
  private static final CacheLookup.Miss MISS = new CacheLookup.Miss("none");

  private NoViewCache() {}

  @Override
  public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
    TraceViewCache.checkKey(variant);
    return MISS;
  }

  @Override
  public boolean putTrace(
      TenantId tenant, TraceId traceId, String variant, String stamp, byte[] value, Duration ttl) {
    TraceViewCache.checkKey(variant);
    TraceViewCache.checkTtl(ttl);
    return false;
  }

  @Override
  public CacheLookup getList(TenantId tenant, String query) {
    TraceViewCache.checkKey(query);
    return MISS;
  }

  @Override
  public boolean putList(TenantId tenant, String query, String stamp, byte[] value, Duration ttl) {
    TraceViewCache.checkKey(query);
    TraceViewCache.checkTtl(ttl);
    return false;
  }

  @Override
  public void invalidate(TenantId tenant, Collection<TraceId> traceIds) {}

  @Override
  public void invalidateLists(TenantId tenant) {}

  @Override
  public HealthStatus check() {
    return HealthStatus.up("cache-off");
  }
}
