package io.ovpo.adapter.inmemory;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Traces per tenant: a hash map by id for CAS writes and a skip list in list order for keyset
 * pages, so a page costs O(log n + page) however deep the walk is. Writes of one tenant are
 * serialized; reads take no lock.
 */
final class InMemoryTraceStore implements io.ovpo.ports.out.TraceStore {
  private final ConcurrentHashMap<TenantId, TenantTraces> tenants = new ConcurrentHashMap<>();
  private final InsertionOrder<Scoped<TraceId>> order;
  private final Evictions evictions;

  InMemoryTraceStore(long maxTraces, Evictions evictions) {
    this.order = new InsertionOrder<>(maxTraces);
    this.evictions = evictions;
  }

  /** One tenant's traces; both maps change together under the instance's lock. */
  static final class TenantTraces {
    final ConcurrentHashMap<TraceId, TraceRecord> byId = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<ListKey, TraceRecord> byCreated = new ConcurrentSkipListMap<>();

    synchronized boolean remove(TraceId id) {
      TraceRecord r = byId.remove(id);
      if (r != null) {
        byCreated.remove(ListKey.of(r));
      }
      return r != null;
    }
  }

  @Override
  public Optional<TraceRecord> get(TenantId tenant, TraceId traceId) {
    TenantTraces t = tenants.get(tenant);
    return t == null ? Optional.empty() : Optional.ofNullable(t.byId.get(traceId));
  }

  @Override
  public boolean put(TraceRecord record, long expectedVersion) {
    if (record.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "version " + record.version() + " must be expected version " + expectedVersion + " + 1");
    }
    TenantTraces t = tenants.computeIfAbsent(record.tenantId(), k -> new TenantTraces());
    TraceRecord current;
    synchronized (t) {
      current = t.byId.get(record.traceId());
      long stored = current == null ? 0 : current.version();
      if (stored != expectedVersion) {
        return false;
      }
      t.byId.put(record.traceId(), record);
      if (current != null) {
        t.byCreated.remove(ListKey.of(current));
      }
      t.byCreated.put(ListKey.of(record), record);
    }
    if (current == null) {
      evict(order.add(new Scoped<>(record.tenantId(), record.traceId())));
    }
    return true;
  }

  private void evict(List<Scoped<TraceId>> victims) {
    for (Scoped<TraceId> v : victims) {
      TenantTraces t = tenants.get(v.tenant());
      if (t != null && t.remove(v.key())) {
        evictions.add(EvictionKind.TRACES, 1);
      }
    }
  }

  @Override
  public Page<TraceRecord> list(TraceQuery q) {
    TenantTraces t = tenants.get(q.tenantId());
    if (t == null) {
      return Page.empty();
    }
    List<TraceRecord> out = new ArrayList<>(q.limit() + 1);
    for (TraceRecord r : window(t, q.createdAt(), q.after().map(ListKey::of)).values()) {
      if (q.createdAt().from().map(f -> r.trace().createdAt().isBefore(f)).orElse(false)) {
        break;
      }
      if (q.matches(r)) {
        out.add(r);
        if (out.size() > q.limit()) {
          return new Page<>(out.subList(0, q.limit()), true);
        }
      }
    }
    return new Page<>(out, false);
  }

  /** The list-ordered traces below the range's end and strictly after {@code after}. */
  static NavigableMap<ListKey, TraceRecord> window(
      TenantTraces t, TimeRange range, Optional<ListKey> after) {
    ListKey start = range.to().map(ListKey::before).orElse(null);
    if (after.isPresent() && (start == null || after.get().compareTo(start) > 0)) {
      start = after.get();
    }
    return start == null ? t.byCreated : t.byCreated.tailMap(start, false);
  }

  @Override
  public List<TimeBucket> timeseries(
      TenantId tenant, TimeseriesMetric metric, BucketWidth bucket, TimeRange range, Tags tags) {
    TenantTraces t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    TraceSeries series = new TraceSeries(metric, bucket);
    for (TraceRecord r : window(t, range, Optional.empty()).values()) {
      Instant created = r.trace().createdAt();
      if (range.from().map(created::isBefore).orElse(false)) {
        break;
      }
      if (r.trace().tags().containsAll(tags)) {
        series.add(r);
      }
    }
    return series.buckets();
  }

  @Override
  public List<TraceId> findByUserIdHash(
      TenantId tenant, String userIdHash, Optional<TraceId> after, int limit) {
    TenantTraces t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    // GDPR deletion only: a scan is fine here.
    return t.byId.values().stream()
        .filter(r -> r.trace().userIdHash().map(userIdHash::equals).orElse(false))
        .map(TraceRecord::traceId)
        .filter(id -> after.map(a -> id.compareTo(a) > 0).orElse(true))
        .sorted()
        .limit(limit)
        .toList();
  }

  @Override
  public List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return receivedBefore(tenant, cutoff, after, limit, false);
  }

  @Override
  public List<TraceRecord> framesKeptReceivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return receivedBefore(tenant, cutoff, after, limit, true);
  }

  private List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit, boolean framesKept) {
    TenantTraces t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    // Retention only, a few times a day: a scan is fine here.
    return t.byId.values().stream()
        .filter(r -> r.firstReceivedAt().isBefore(cutoff))
        .filter(r -> !framesKept || !r.frameEventsExpired())
        .filter(r -> after.map(a -> compareReceived(r, a) > 0).orElse(true))
        .sorted(
            Comparator.comparing(TraceRecord::firstReceivedAt)
                .thenComparing(r -> r.traceId().value()))
        .limit(limit)
        .toList();
  }

  /** (first_received_at, trace_id) of a record against a page key of the same two. */
  private static int compareReceived(TraceRecord r, PageKey k) {
    int c = r.firstReceivedAt().compareTo(k.lastTimestamp());
    return c != 0 ? c : r.traceId().value().compareTo(k.lastId().value());
  }

  @Override
  public int delete(TenantId tenant, Collection<TraceId> traceIds) {
    TenantTraces t = tenants.get(tenant);
    if (t == null) {
      return 0;
    }
    int n = 0;
    for (TraceId id : traceIds) {
      if (t.remove(id)) {
        order.remove(new Scoped<>(tenant, id));
        n++;
      }
    }
    return n;
  }

  /** For the span store's tag join. */
  Optional<Tags> tags(TenantId tenant, TraceId traceId) {
    return get(tenant, traceId).map(r -> r.trace().tags());
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
