package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * A trace whose verdict (frame checks, compute units) must be worked out again because items
 * arrived after it was decided, or before the trace itself.
 *
 * @param dueAt not before this instant (lets bursts of late items settle first)
 */
public record DirtyTrace(TenantId tenantId, TraceId traceId, Instant markedAt, Instant dueAt) {
  public DirtyTrace {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("trace_id", traceId);
    Checks.notNull("marked_at", markedAt);
    Checks.notNull("due_at", dueAt);
  }
}
