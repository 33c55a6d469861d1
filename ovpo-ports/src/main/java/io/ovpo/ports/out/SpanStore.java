package io.ovpo.ports.out;

import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Spans, stored even before their trace arrives (they are joined by trace_id when read). Writes
 * replace by (tenant, span_id); the caller has already merged fill-in updates.
 */
public interface SpanStore extends HealthCheck {
  /** Inserts or replaces each span of the tenant; idempotent. */
  void upsert(TenantId tenant, List<Span> spans);

  /** The stored spans among {@code ids}; absent ids are missing from the map. */
  Map<SpanId, Span> getAll(TenantId tenant, Collection<SpanId> ids);

  /** A trace's spans ordered by start_time, then span_id; empty when none. */
  List<Span> byTrace(TenantId tenant, TraceId traceId);

  /**
   * Duration statistics per span kind over ended spans whose start_time lies in {@code range} and
   * whose trace's tags contain {@code tags} (with a non-empty tag filter, spans whose trace is not
   * stored do not match). Ordered by span kind declaration order; kinds without ended spans are
   * left out. Percentiles are exact nearest-rank.
   */
  List<SpanDurationStats> durationStats(TenantId tenant, TimeRange range, Tags tags);

  /** Hard-deletes the spans of these traces; returns how many went. */
  int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds);
}
