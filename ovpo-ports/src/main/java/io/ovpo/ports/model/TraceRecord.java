package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * A trace as stored: the client's latest accepted state plus what the processor worked out.
 *
 * @param trace the client's state; {@code trace.status()} is the reported status
 * @param status the effective status: the reported one, or PARTIAL when the processor's frame
 *     checks overrule a reported COMPLETED
 * @param completeness the processor's frame-check verdict
 * @param cost compute units, once spans have ended
 * @param firstReceivedAt when the first state of this trace reached the collector
 * @param updatedAt when this record last changed
 * @param version optimistic-concurrency version, 1 for the first write
 */
public record TraceRecord(
    TenantId tenantId,
    Trace trace,
    TraceStatus status,
    Completeness completeness,
    Optional<ComputeCost> cost,
    Instant firstReceivedAt,
    Instant updatedAt,
    long version) {
  public TraceRecord {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("trace", trace);
    Checks.notNull("status", status);
    Checks.check(
        status == trace.status()
            || (status == TraceStatus.PARTIAL && trace.status() == TraceStatus.COMPLETED),
        "status",
        "may differ from the reported status only as PARTIAL over COMPLETED");
    Checks.notNull("completeness", completeness);
    Checks.notNull("cost", cost);
    Checks.notNull("first_received_at", firstReceivedAt);
    Checks.notNull("updated_at", updatedAt);
    Checks.range("version", version, 1, Long.MAX_VALUE);
  }

  public TraceId traceId() {
    return trace.traceId();
  }

  /** The status the client last reported (kept when the processor says PARTIAL). */
  public TraceStatus reportedStatus() {
    return trace.status();
  }
}
