package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Something that must be on the audit trail: who did what to which resource, from where.
 *
 * @param resourceId the trace, key or tenant concerned, when there is one
 * @param details small extra facts (filters of a query, counts of a deletion), sorted by key
 */
public record AuditEvent(
    TenantId tenantId,
    AuditAction action,
    String actorId,
    Optional<String> actorIp,
    Optional<String> userAgent,
    Instant timestamp,
    Optional<String> resourceId,
    Map<String, String> details) {
  public AuditEvent {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("action", action);
    Checks.length("actor_id", actorId, 1, 256);
    Checks.notNull("actor_ip", actorIp);
    Checks.notNull("user_agent", userAgent);
    Checks.millis("timestamp", timestamp);
    Checks.notNull("resource_id", resourceId);
    Checks.maxSize("details", details, 64);
    details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
  }
}
