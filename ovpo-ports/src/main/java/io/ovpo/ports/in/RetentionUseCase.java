package io.ovpo.ports.in;

import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.RetentionReport;
import java.util.List;

/**
 * Retention runs (spec 08 §2): delete what is past a tenant's retention policy, except what is
 * under legal hold, in small batches; every run saves a report, and a run that deleted traces
 * writes a tombstone and a TRACE_DELETE audit record.
 */
public interface RetentionUseCase {
  /**
   * Runs retention for the caller's tenant now (admin:delete), as the caller.
   *
   * @throws io.ovpo.ports.error.OvpoException FORBIDDEN without the permission
   */
  RetentionReport runNow(Principal principal, RequestContext request);

  /**
   * The scheduled run: every tenant in turn, as {@code system:retention}. A tenant whose run fails
   * is logged and skipped (the next run finishes its work). Returns the reports of the tenants that
   * completed.
   */
  List<RetentionReport> runScheduled();
}
