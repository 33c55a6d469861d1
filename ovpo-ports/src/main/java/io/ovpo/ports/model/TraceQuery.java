package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A trace-list query of one tenant: effective statuses (empty = any), created_at range, required
 * tags (every pair must match), page size 1..200 and the keyset position to continue after.
 */
public record TraceQuery(
    TenantId tenantId,
    Set<TraceStatus> statuses,
    TimeRange createdAt,
    Tags tags,
    int limit,
    Optional<PageKey> after) {
  public static final int MAX_LIMIT = 200;

  public TraceQuery {
    Checks.notNull("tenant_id", tenantId);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    Checks.notNull("created_at", createdAt);
    Checks.notNull("tags", tags);
    Checks.range("limit", limit, 1, MAX_LIMIT);
    Checks.notNull("after", after);
  }

  /** True when the record passes this query's filters (not its keyset position). */
  public boolean matches(TraceRecord r) {
    return r.tenantId().equals(tenantId)
        && (statuses.isEmpty() || statuses.contains(r.status()))
        && createdAt.contains(r.trace().createdAt())
        && r.trace().tags().containsAll(tags);
  }
}
