package io.ovpo.testkit;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds {@link TraceRecord}s around a trace: version 1, effective status = reported status. */
public final class TraceRecordBuilder {
  private final TenantId tenant;
  private final Trace trace;
  private TraceStatus status;
  private Completeness completeness = Completeness.complete();
  private Optional<ComputeCost> cost = Optional.empty();
  private Instant firstReceivedAt;
  private Instant updatedAt;
  private long version = 1;
  private Optional<FrameEventStats> retainedFrameStats = Optional.empty();

  TraceRecordBuilder(TenantId tenant, Trace trace) {
    this.tenant = tenant;
    this.trace = trace;
    this.status = trace.status();
    this.firstReceivedAt = trace.createdAt().plusMillis(5);
    this.updatedAt = firstReceivedAt;
  }

  public TraceRecordBuilder version(long v) {
    this.version = v;
    return this;
  }

  /** The processor's PARTIAL verdict over a reported COMPLETED, with reasons and missing frames. */
  public TraceRecordBuilder partial() {
    this.status = TraceStatus.PARTIAL;
    this.completeness =
        new Completeness(
            List.of(
                new PartialReason(
                    PartialReasonCode.MISSING_FRAMES,
                    "4 of 120 frames missing",
                    Optional.of(EventType.FRAME_GENERATED),
                    OptionalLong.of(17),
                    Optional.of(EventId.of("5f0c6b8e-2f55-4c8a-9d3e-7b1a2c3d4e5f"))),
                new PartialReason(
                    PartialReasonCode.MEDIA_TIME_DECREASED,
                    "media_time_ms went back",
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.empty())),
            List.of(new FrameRange(17, 18), new FrameRange(40, 41)),
            false);
    return this;
  }

  /** Compute units split over two span kinds. */
  public TraceRecordBuilder cost(double units) {
    this.cost =
        Optional.of(
            new ComputeCost(
                units,
                Map.of(SpanKind.SAMPLING, units * 0.75, SpanKind.DECODE, units * 0.25),
                "default",
                "2026.1"));
    return this;
  }

  public TraceRecordBuilder updatedAt(Instant t) {
    this.updatedAt = t;
    return this;
  }

  /** When the trace first reached the collector (default: 5 ms after created_at). */
  public TraceRecordBuilder firstReceivedAt(Instant t) {
    this.firstReceivedAt = t;
    if (updatedAt.isBefore(t)) {
      this.updatedAt = t;
    }
    return this;
  }

  /** Marks the trace's frame events expired, keeping {@code stats} in their place. */
  public TraceRecordBuilder framesExpired(FrameEventStats stats) {
    this.retainedFrameStats = Optional.of(stats);
    return this;
  }

  public TraceRecord build() {
    return new TraceRecord(
        tenant,
        trace,
        status,
        completeness,
        cost,
        firstReceivedAt,
        updatedAt,
        version,
        retainedFrameStats);
  }
}
