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
 * @param retainedFrameStats the aggregates of the trace's frame events, kept when retention deleted
 *     the events themselves (spec 08 §2 rule 6); present exactly when they expired
 */
public record TraceRecord(
    TenantId tenantId,
    Trace trace,
    TraceStatus status,
    Completeness completeness,
    Optional<ComputeCost> cost,
    Instant firstReceivedAt,
    Instant updatedAt,
    long version,
    Optional<FrameEventStats> retainedFrameStats) {
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
    Checks.notNull("retained_frame_stats", retainedFrameStats);
  }

  /** A record whose frame events were not removed by retention. */
  public TraceRecord(
      TenantId tenantId,
      Trace trace,
      TraceStatus status,
      Completeness completeness,
      Optional<ComputeCost> cost,
      Instant firstReceivedAt,
      Instant updatedAt,
      long version) {
    this(
        tenantId,
        trace,
        status,
        completeness,
        cost,
        firstReceivedAt,
        updatedAt,
        version,
        Optional.empty());
  }

  /** True once retention deleted this trace's frame events (its verdict and aggregates stay). */
  public boolean frameEventsExpired() {
    return retainedFrameStats.isPresent();
  }

  /**
   * The next version of this record after retention deleted its frame events, keeping {@code stats}
   * (their aggregates just before) in their place.
   */
  public TraceRecord withFrameEventsExpired(FrameEventStats stats, Instant now) {
    return new TraceRecord(
        tenantId,
        trace,
        status,
        completeness,
        cost,
        firstReceivedAt,
        now,
        version + 1,
        Optional.of(stats));
  }

  public TraceId traceId() {
    return trace.traceId();
  }

  /** The status the client last reported (kept when the processor says PARTIAL). */
  public TraceStatus reportedStatus() {
    return trace.status();
  }
}
