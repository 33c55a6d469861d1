package io.ovpo.core.service;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.SpanStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A span store that forwards every call to another; tests override the calls they bend. */
class DelegatingSpanStore implements SpanStore {
  private final SpanStore spans;

  DelegatingSpanStore(SpanStore spans) {
    this.spans = spans;
  }

  @Override
  public void upsert(TenantId tenant, List<Span> list) {
    spans.upsert(tenant, list);
  }

  @Override
  public Map<SpanId, Span> getAll(TenantId tenant, Collection<SpanId> ids) {
    return spans.getAll(tenant, ids);
  }

  @Override
  public List<Span> byTrace(TenantId tenant, TraceId traceId) {
    return spans.byTrace(tenant, traceId);
  }

  @Override
  public List<SpanDurationStats> durationStats(TenantId tenant, TimeRange range, Tags tags) {
    return spans.durationStats(tenant, range, tags);
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    return spans.deleteByTraces(tenant, traceIds);
  }

  @Override
  public HealthStatus check() {
    return spans.check();
  }
}
