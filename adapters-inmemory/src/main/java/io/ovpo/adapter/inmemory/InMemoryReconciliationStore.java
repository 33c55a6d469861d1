package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * One mark per (tenant, trace), plus a due-time index; writes serialized, reads lock-free. Orphan
 * traces are a plain map, scanned by retention only (a few times a day).
 */
final class InMemoryReconciliationStore implements ReconciliationStore {
  private static final Comparator<DirtyTrace> BY_DUE =
      Comparator.comparing(DirtyTrace::dueAt)
          .thenComparing(d -> d.tenantId().value())
          .thenComparing(d -> d.traceId().value())
          .thenComparing(DirtyTrace::markedAt);

  private final ConcurrentHashMap<Scoped<TraceId>, DirtyTrace> marks = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<DirtyTrace> byDue = new ConcurrentSkipListSet<>(BY_DUE);
  private final ConcurrentHashMap<Scoped<TraceId>, OrphanTrace> orphans = new ConcurrentHashMap<>();

  @Override
  public synchronized void mark(DirtyTrace dirty) {
    DirtyTrace old = marks.put(key(dirty), dirty);
    if (old != null) {
      byDue.remove(old);
    }
    byDue.add(dirty);
  }

  @Override
  public List<DirtyTrace> due(Instant now, int limit) {
    List<DirtyTrace> out = new ArrayList<>();
    for (DirtyTrace d : byDue) {
      if (d.dueAt().isAfter(now) || out.size() >= limit) {
        break;
      }
      out.add(d);
    }
    return out;
  }

  @Override
  public synchronized void done(DirtyTrace dirty) {
    DirtyTrace current = marks.get(key(dirty));
    if (current != null && current.markedAt().equals(dirty.markedAt())) {
      marks.remove(key(dirty));
      byDue.remove(current);
    }
  }

  @Override
  public void orphanSeen(TenantId tenant, TraceId traceId, Instant seenAt) {
    orphans.merge(
        new Scoped<>(tenant, traceId),
        new OrphanTrace(tenant, traceId, seenAt, seenAt),
        (old, now) ->
            new OrphanTrace(
                tenant,
                traceId,
                min(old.firstSeenAt(), seenAt),
                seenAt.isAfter(old.lastSeenAt()) ? seenAt : old.lastSeenAt()));
  }

  @Override
  public List<OrphanTrace> orphansSeenBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return orphans.values().stream()
        .filter(o -> o.tenantId().equals(tenant) && o.firstSeenAt().isBefore(cutoff))
        .filter(o -> after.map(a -> compare(o, a) > 0).orElse(true))
        .sorted(Comparator.comparing(OrphanTrace::firstSeenAt).thenComparing(OrphanTrace::traceId))
        .limit(limit)
        .toList();
  }

  @Override
  public void forgetOrphan(TenantId tenant, TraceId traceId) {
    orphans.remove(new Scoped<>(tenant, traceId));
  }

  @Override
  public void forgetOrphan(OrphanTrace orphan) {
    orphans.computeIfPresent(
        new Scoped<>(orphan.tenantId(), orphan.traceId()),
        (k, current) -> current.lastSeenAt().equals(orphan.lastSeenAt()) ? null : current);
  }

  private static int compare(OrphanTrace o, PageKey k) {
    int c = o.firstSeenAt().compareTo(k.lastTimestamp());
    return c != 0 ? c : o.traceId().compareTo(k.lastId());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Scoped<TraceId> key(DirtyTrace d) {
    return new Scoped<>(d.tenantId(), d.traceId());
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
