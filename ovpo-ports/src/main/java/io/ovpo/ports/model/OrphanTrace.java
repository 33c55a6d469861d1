package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * A trace that has items stored but is not stored itself (its items are orphans, spec 04 §7.1), as
 * the reconciler found it. Retention deletes its items 7 days after {@code firstSeenAt} (spec 08
 * §1).
 *
 * @param firstSeenAt when the reconciler first found the trace missing; re-finding it keeps this
 * @param lastSeenAt the latest such time; a change tells that more items arrived meanwhile
 */
public record OrphanTrace(
    TenantId tenantId, TraceId traceId, Instant firstSeenAt, Instant lastSeenAt) {
  public OrphanTrace {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("trace_id", traceId);
    Checks.notNull("first_seen_at", firstSeenAt);
    Checks.notNull("last_seen_at", lastSeenAt);
    Checks.notBefore("last_seen_at", lastSeenAt, "first_seen_at", firstSeenAt);
  }
}
