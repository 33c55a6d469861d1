package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** One mark per (tenant, trace), plus a due-time index; writes serialized, reads lock-free. */
final class InMemoryReconciliationStore implements ReconciliationStore {
  private static final Comparator<DirtyTrace> BY_DUE =
      Comparator.comparing(DirtyTrace::dueAt)
          .thenComparing(d -> d.tenantId().value())
          .thenComparing(d -> d.traceId().value())
          .thenComparing(DirtyTrace::markedAt);

  private final ConcurrentHashMap<Scoped<TraceId>, DirtyTrace> marks = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<DirtyTrace> byDue = new ConcurrentSkipListSet<>(BY_DUE);

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

  private static Scoped<TraceId> key(DirtyTrace d) {
    return new Scoped<>(d.tenantId(), d.traceId());
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
