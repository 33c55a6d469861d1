package io.ovpo.wire;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
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

/** Model values for writer and reader tests. */
final class Fixtures {
  static final TenantId TENANT = TenantId.of("acme");
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00.000Z");

  private Fixtures() {}

  static Trace completedTrace() {
    return ModelReader.trace(
        Json.minimalTrace().put("status", "COMPLETED").put("ended_at", "2025-03-01T12:01:00.000Z"));
  }

  static Completeness partial() {
    return new Completeness(
        List.of(
            new PartialReason(
                PartialReasonCode.MISSING_FRAMES,
                "2 of 48 expected frames are missing",
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty()),
            new PartialReason(
                PartialReasonCode.MEDIA_TIME_DECREASED,
                "media_time_ms went from 83 to 41",
                Optional.of(EventType.FRAME_GENERATED),
                OptionalLong.of(2),
                Optional.of(EventId.of(Json.EVENT_ID)))),
        List.of(new FrameRange(46, 47)),
        false);
  }

  static ComputeCost cost() {
    return new ComputeCost(
        12.5, Map.of(SpanKind.SAMPLING, 10.0, SpanKind.DECODE, 2.5), "default", "2025-03");
  }

  static TraceRecord partialRecord() {
    return new TraceRecord(
        TENANT,
        completedTrace(),
        TraceStatus.PARTIAL,
        partial(),
        Optional.of(cost()),
        T0.plusMillis(5),
        T0.plusSeconds(70),
        3);
  }

  static TraceRecord runningRecord() {
    return new TraceRecord(
        TENANT,
        ModelReader.trace(Json.minimalTrace()),
        TraceStatus.RUNNING,
        Completeness.complete(),
        Optional.empty(),
        T0,
        T0,
        1);
  }

  static IngestReceipt receiptWithErrors() {
    return new IngestReceipt(
        "req-1",
        202,
        2,
        2,
        false,
        List.of(
            new ItemError(
                1,
                Optional.of(ItemType.SPAN),
                ErrorCode.SCHEMA_VIOLATION,
                "/data/start_time",
                "/data/start_time: does not match the timestamp format"),
            new ItemError(
                3, Optional.empty(), ErrorCode.SCHEMA_VIOLATION, "/item_type", "unknown type")));
  }
}
