package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Newest-first audit listing of one tenant: filters, page size 1..200, continue below a sequence.
 */
public record AuditQuery(
    TenantId tenantId,
    Optional<AuditAction> action,
    TimeRange timestamp,
    OptionalLong beforeSequence,
    int limit) {
  public AuditQuery {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("action", action);
    Checks.notNull("timestamp", timestamp);
    Checks.notNull("before_sequence", beforeSequence);
    Checks.range("limit", limit, 1, 200);
  }
}
