package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.SpanStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Spans per tenant, indexed by id, by trace (start order) and by start time (for analytics over a
 * time range). Tag filters join the trace store of the same {@link InMemoryAdapters}.
 */
final class InMemorySpanStore implements SpanStore {
  private final ConcurrentHashMap<TenantId, TenantSpans> tenants = new ConcurrentHashMap<>();
  private final InMemoryTraceStore traces;
  private final InsertionOrder<Scoped<SpanId>> order;
  private final Evictions evictions;

  InMemorySpanStore(InMemoryTraceStore traces, long maxSpans, Evictions evictions) {
    this.traces = traces;
    this.order = new InsertionOrder<>(maxSpans);
    this.evictions = evictions;
  }

  /** One tenant's spans; the three indexes change together under the instance's lock. */
  private static final class TenantSpans {
    final ConcurrentHashMap<SpanId, Span> byId = new ConcurrentHashMap<>();
    final ConcurrentHashMap<TraceId, ConcurrentSkipListMap<SpanKey, Span>> byTrace =
        new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<SpanKey, Span> byStart = new ConcurrentSkipListMap<>();

    /** Stores {@code s}; true when its id is new. */
    synchronized boolean put(Span s) {
      Span old = byId.put(s.spanId(), s);
      if (old != null) {
        unindex(old);
      }
      byTrace
          .computeIfAbsent(s.traceId(), k -> new ConcurrentSkipListMap<>())
          .put(SpanKey.of(s), s);
      byStart.put(SpanKey.of(s), s);
      return old == null;
    }

    synchronized boolean remove(SpanId id) {
      Span old = byId.remove(id);
      if (old != null) {
        unindex(old);
      }
      return old != null;
    }

    private void unindex(Span s) {
      SpanKey key = SpanKey.of(s);
      byStart.remove(key);
      Map<SpanKey, Span> ofTrace = byTrace.get(s.traceId());
      if (ofTrace != null) {
        ofTrace.remove(key);
        if (ofTrace.isEmpty()) {
          byTrace.remove(s.traceId());
        }
      }
    }
  }

  @Override
  public void upsert(TenantId tenant, List<Span> spans) {
    TenantSpans t = tenants.computeIfAbsent(tenant, k -> new TenantSpans());
    List<SpanId> added = new ArrayList<>();
    for (Span s : spans) {
      if (t.put(s)) {
        added.add(s.spanId());
      }
    }
    for (SpanId id : added) {
      for (Scoped<SpanId> victim : order.add(new Scoped<>(tenant, id))) {
        TenantSpans owner = tenants.get(victim.tenant());
        if (owner != null && owner.remove(victim.key())) {
          evictions.add(EvictionKind.SPANS, 1);
        }
      }
    }
  }

  @Override
  public Map<SpanId, Span> getAll(TenantId tenant, Collection<SpanId> ids) {
    TenantSpans t = tenants.get(tenant);
    Map<SpanId, Span> out = new HashMap<>();
    if (t != null) {
      for (SpanId id : ids) {
        Span s = t.byId.get(id);
        if (s != null) {
          out.put(id, s);
        }
      }
    }
    return out;
  }

  @Override
  public List<Span> byTrace(TenantId tenant, TraceId traceId) {
    TenantSpans t = tenants.get(tenant);
    Map<SpanKey, Span> spans = t == null ? null : t.byTrace.get(traceId);
    return spans == null ? List.of() : List.copyOf(spans.values());
  }

  @Override
  public List<SpanDurationStats> durationStats(TenantId tenant, TimeRange range, Tags tags) {
    TenantSpans t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    NavigableMap<SpanKey, Span> window = t.byStart;
    if (range.from().isPresent()) {
      window = window.tailMap(SpanKey.first(range.from().get()), true);
    }
    if (range.to().isPresent()) {
      window = window.headMap(SpanKey.first(range.to().get()), false);
    }
    Map<TraceId, Boolean> traceMatches = new HashMap<>();
    Map<SpanKind, List<Long>> durations = new EnumMap<>(SpanKind.class);
    for (Span s : window.values()) {
      Optional<Long> ms = s.duration().map(java.time.Duration::toMillis);
      if (ms.isEmpty()) {
        continue;
      }
      if (!tags.isEmpty()
          && !traceMatches.computeIfAbsent(
              s.traceId(),
              id -> traces.tags(tenant, id).map(x -> x.containsAll(tags)).orElse(false))) {
        continue;
      }
      durations.computeIfAbsent(s.spanKind(), k -> new ArrayList<>()).add(ms.get());
    }
    List<SpanDurationStats> out = new ArrayList<>(durations.size());
    durations.forEach(
        (kind, ms) -> {
          ms.sort(null);
          double avg = ms.stream().mapToLong(Long::longValue).average().orElse(0);
          out.add(
              new SpanDurationStats(
                  kind, ms.size(), avg, Percentiles.at(ms, 0.95), Percentiles.at(ms, 0.99)));
        });
    return out;
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    TenantSpans t = tenants.get(tenant);
    if (t == null) {
      return 0;
    }
    int n = 0;
    for (TraceId traceId : traceIds) {
      Map<SpanKey, Span> spans = t.byTrace.get(traceId);
      if (spans == null) {
        continue;
      }
      for (Span s : List.copyOf(spans.values())) {
        if (t.remove(s.spanId())) {
          order.remove(new Scoped<>(tenant, s.spanId()));
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
