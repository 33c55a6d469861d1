package io.ovpo.ports.in;

import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TraceId;

/** The read side of traces; every call is audited (TRACE_QUERY, TRACE_ACCESS). */
public interface QueryTracesUseCase {
  /**
   * @throws io.ovpo.ports.error.OvpoException INVALID_CURSOR for a forged, altered, expired or
   *     malformed cursor; FORBIDDEN without trace:read
   */
  TraceListResult list(Principal principal, RequestContext request, TraceListRequest query);

  /**
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND when the tenant has no such trace (also for
   *     another tenant's trace); INVALID_CURSOR for a bad events cursor
   */
  TraceDetail get(
      Principal principal, RequestContext request, TraceId traceId, EventsRequest events);
}
