package io.ovpo.ports.in;

import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;

/** Sets or clears legal hold on a trace (admin:delete); audited as CONFIG_CHANGE. */
public interface LegalHoldUseCase {
  /**
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND when the tenant has no such trace
   */
  TraceRecord setLegalHold(
      Principal principal, RequestContext request, TraceId traceId, boolean hold);
}
