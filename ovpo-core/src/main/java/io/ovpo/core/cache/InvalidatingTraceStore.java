package io.ovpo.core.cache;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Page;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TraceStore} that invalidates the cached views of every trace record it changes, after
 * the change committed: the trace's detail and the tenant's list pages on a successful put
 * (lifecycle, verdict, legal hold, retention marks), both on a delete (retention, user deletion).
 * Whoever writes trace records through it (every core service, once the apps wrap their store)
 * keeps the caches right without knowing about them. If the invalidation fails, the write is
 * reported failed ({@link io.ovpo.ports.error.StoreUnavailableException}) so its caller retries.
 * Reads pass through.
 */
public final class InvalidatingTraceStore implements TraceStore {
  private final TraceStore store;
  private final TraceViewCache cache;

  public InvalidatingTraceStore(TraceStore store, TraceViewCache cache) {
    this.store = Objects.requireNonNull(store, "store");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public boolean put(TraceRecord record, long expectedVersion) {
    boolean written = store.put(record, expectedVersion);
    if (written) {
      invalidate(record.tenantId(), List.of(record.traceId()));
    }
    return written;
  }

  @Override
  public int delete(TenantId tenant, Collection<TraceId> traceIds) {
    int deleted = store.delete(tenant, traceIds);
    // Also when nothing went: a retried deletion must still clear what an earlier try left.
    invalidate(tenant, traceIds);
    return deleted;
  }

  private void invalidate(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return;
    }
    cache.invalidate(tenant, traceIds);
    cache.invalidateLists(tenant);
  }

  @Override
  public Optional<TraceRecord> get(TenantId tenant, TraceId traceId) {
    return store.get(tenant, traceId);
  }

  @Override
  public Page<TraceRecord> list(TraceQuery query) {
    return store.list(query);
  }

  @Override
  public List<TimeBucket> timeseries(
      TenantId tenant, TimeseriesMetric metric, BucketWidth bucket, TimeRange range, Tags tags) {
    return store.timeseries(tenant, metric, bucket, range, tags);
  }

  @Override
  public List<TraceId> findByUserIdHash(
      TenantId tenant, String userIdHash, Optional<TraceId> after, int limit) {
    return store.findByUserIdHash(tenant, userIdHash, after, limit);
  }

  @Override
  public List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return store.receivedBefore(tenant, cutoff, after, limit);
  }

  @Override
  public List<TraceRecord> framesKeptReceivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return store.framesKeptReceivedBefore(tenant, cutoff, after, limit);
  }

  @Override
  public HealthStatus check() {
    return store.check();
  }
}
