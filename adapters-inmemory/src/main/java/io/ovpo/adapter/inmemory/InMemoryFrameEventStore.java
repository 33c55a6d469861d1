package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameEventStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frame events per tenant and trace. Appends of one tenant are serialized (one short lock per
 * batch, the hot path of the processor); reads walk a skip list without locking. Over the
 * per-tenant cap, whole traces are evicted oldest first (by first append), and counted.
 */
final class InMemoryFrameEventStore implements FrameEventStore {
  private final ConcurrentHashMap<TenantId, TenantEvents> tenants = new ConcurrentHashMap<>();
  private final long maxEventsPerTenant;
  private final Evictions evictions;

  InMemoryFrameEventStore(long maxEventsPerTenant, Evictions evictions) {
    this.maxEventsPerTenant = maxEventsPerTenant;
    this.evictions = evictions;
  }

  /** One tenant's events; everything but the per-trace skip lists is guarded by the instance. */
  private static final class TenantEvents {
    final Map<EventId, TraceId> ids = new HashMap<>();
    final ConcurrentHashMap<TraceId, TraceEvents> traces = new ConcurrentHashMap<>();
    final LinkedHashSet<TraceId> arrival = new LinkedHashSet<>();
    long count;

    long removeTrace(TraceId traceId) {
      arrival.remove(traceId);
      return dropEvents(traceId);
    }

    /** Drops the trace's events; the caller keeps {@code arrival} in step. */
    long dropEvents(TraceId traceId) {
      TraceEvents gone = traces.remove(traceId);
      if (gone == null) {
        return 0;
      }
      for (StoredFrameEvent e : gone.events.values()) {
        ids.remove(e.event().eventId());
      }
      count -= gone.size();
      return gone.size();
    }
  }

  @Override
  public Set<EventId> append(TenantId tenant, List<StoredFrameEvent> events) {
    if (events.isEmpty()) {
      return Set.of();
    }
    TenantEvents t = tenants.computeIfAbsent(tenant, k -> new TenantEvents());
    Set<EventId> stored = new HashSet<>();
    synchronized (t) {
      makeRoom(t, events);
      for (StoredFrameEvent e : events) {
        EventId id = e.event().eventId();
        if (t.ids.containsKey(id)) {
          continue;
        }
        if (t.count >= maxEventsPerTenant) {
          evictions.add(EvictionKind.FRAME_EVENTS_REFUSED, 1);
          continue;
        }
        TraceId traceId = e.event().traceId();
        t.ids.put(id, traceId);
        t.traces.computeIfAbsent(traceId, k -> new TraceEvents()).add(e);
        t.arrival.add(traceId);
        t.count++;
        stored.add(id);
      }
    }
    return stored;
  }

  /** Evicts the oldest other traces until the batch fits under the cap (if it can). */
  private void makeRoom(TenantEvents t, List<StoredFrameEvent> batch) {
    if (t.count + batch.size() <= maxEventsPerTenant) {
      return;
    }
    Set<TraceId> current = new HashSet<>();
    batch.forEach(e -> current.add(e.event().traceId()));
    Iterator<TraceId> oldestFirst = t.arrival.iterator();
    while (t.count + batch.size() > maxEventsPerTenant && oldestFirst.hasNext()) {
      TraceId victim = oldestFirst.next();
      if (!current.contains(victim)) {
        oldestFirst.remove();
        evictions.add(EvictionKind.FRAME_EVENTS, t.dropEvents(victim));
      }
    }
  }

  @Override
  public List<StoredFrameEvent> byTrace(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit) {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("limit must be 1..100000 (was " + limit + ")");
    }
    TenantEvents t = tenants.get(tenant);
    TraceEvents trace = t == null ? null : t.traces.get(traceId);
    if (trace == null) {
      return List.of();
    }
    Collection<StoredFrameEvent> view =
        after.isPresent()
            ? trace.events.tailMap(EventKey.of(after.get()), false).values()
            : trace.events.values();
    List<StoredFrameEvent> out = new ArrayList<>(Math.min(limit, trace.size()));
    for (StoredFrameEvent e : view) {
      if (out.size() == limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public FrameEventStats stats(TenantId tenant, TraceId traceId) {
    TenantEvents t = tenants.get(tenant);
    if (t == null) {
      return FrameEventStats.empty();
    }
    synchronized (t) {
      TraceEvents trace = t.traces.get(traceId);
      return trace == null ? FrameEventStats.empty() : trace.stats();
    }
  }

  @Override
  public long deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    TenantEvents t = tenants.get(tenant);
    if (t == null) {
      return 0;
    }
    long n = 0;
    synchronized (t) {
      for (TraceId id : traceIds) {
        n += t.removeTrace(id);
      }
    }
    return n;
  }

  /**
   * A copy of the tenant's events: of one trace, or of every trace when {@code traceId} is empty
   * (for {@link InMemoryFrameAnalyticsStore}).
   */
  List<StoredFrameEvent> snapshot(TenantId tenant, Optional<TraceId> traceId) {
    TenantEvents t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    List<StoredFrameEvent> out = new ArrayList<>();
    synchronized (t) {
      if (traceId.isPresent()) {
        TraceEvents trace = t.traces.get(traceId.get());
        if (trace != null) {
          out.addAll(trace.events.values());
        }
      } else {
        t.traces.values().forEach(trace -> out.addAll(trace.events.values()));
      }
    }
    return out;
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
