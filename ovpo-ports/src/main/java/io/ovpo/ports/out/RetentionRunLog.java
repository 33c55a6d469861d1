package io.ovpo.ports.out;

import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.TenantId;
import java.util.List;

/** The reports of past retention runs, per tenant: every run, scheduled or on demand, saves one. */
public interface RetentionRunLog extends HealthCheck {
  /** Stores the report (replacing one with the same run id). */
  void save(RetentionReport report);

  /** The tenant's newest reports first (by started_at, then run id), at most {@code limit}. */
  List<RetentionReport> recent(TenantId tenant, int limit);
}
