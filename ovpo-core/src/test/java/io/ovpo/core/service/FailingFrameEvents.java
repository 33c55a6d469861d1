package io.ovpo.core.service;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameEventStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** A frame-event store whose next append fails while {@code fail} is set (then clears it). */
final class FailingFrameEvents implements FrameEventStore {
  private final FrameEventStore d;
  private final AtomicBoolean fail;

  private FailingFrameEvents(FrameEventStore d, AtomicBoolean fail) {
    this.d = d;
    this.fail = fail;
  }

  static FrameEventStore failingOnce(FrameEventStore d, AtomicBoolean fail) {
    return new FailingFrameEvents(d, fail);
  }

  @Override
  public Set<EventId> append(TenantId tenant, List<StoredFrameEvent> events) {
    if (fail.getAndSet(false)) {
      throw new StoreUnavailableException("test-events", "connection reset", null);
    }
    return d.append(tenant, events);
  }

  @Override
  public List<StoredFrameEvent> byTrace(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit) {
    return d.byTrace(tenant, traceId, after, limit);
  }

  @Override
  public FrameEventStats stats(TenantId tenant, TraceId traceId) {
    return d.stats(tenant, traceId);
  }

  @Override
  public long deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    return d.deleteByTraces(tenant, traceIds);
  }

  @Override
  public HealthStatus check() {
    return d.check();
  }
}
