package io.ovpo.ports.out;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Per-frame events. Immutable by (tenant, event_id): appending an id that is already stored changes
 * nothing, so a redelivery never counts twice.
 */
public interface FrameEventStore extends HealthCheck {
  /**
   * Stores the events whose ids are new for the tenant (first write wins, also within the list).
   *
   * @return the ids that were newly stored
   */
  Set<EventId> append(TenantId tenant, List<StoredFrameEvent> events);

  /**
   * A trace's events ordered by frame_index, observed_at, event_id, strictly after {@code after},
   * at most {@code limit} (1..100,000).
   */
  List<StoredFrameEvent> byTrace(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit);

  /** Aggregates over the trace's stored events; {@link FrameEventStats#empty()} when none. */
  FrameEventStats stats(TenantId tenant, TraceId traceId);

  /**
   * Hard-deletes the events of these traces; returns how many went (may be approximate for stores
   * that delete asynchronously, never more than stored).
   */
  long deleteByTraces(TenantId tenant, Collection<TraceId> traceIds);
}
