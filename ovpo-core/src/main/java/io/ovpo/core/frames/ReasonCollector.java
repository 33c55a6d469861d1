package io.ovpo.core.frames;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Collects reasons and missing ranges up to the caps of {@link Completeness}. */
final class ReasonCollector {
  private final List<PartialReason> reasons = new ArrayList<>();
  private final List<FrameRange> ranges = new ArrayList<>();
  private boolean truncated;

  void reportedByClient() {
    add(
        new PartialReason(
            PartialReasonCode.REPORTED_BY_CLIENT,
            "the client reported the trace as PARTIAL",
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty()));
  }

  void duplicateFrameIndex(EventType type, FrameEvent e, FrameEvent first) {
    add(
        type,
        e,
        PartialReasonCode.DUPLICATE_FRAME_INDEX,
        "frame_index "
            + e.frameIndex()
            + " repeats under event_id "
            + e.eventId()
            + " (first seen as "
            + first.eventId()
            + ")");
  }

  void mediaTimeDecreased(EventType type, FrameEvent e, FrameEvent previous) {
    add(
        type,
        e,
        PartialReasonCode.MEDIA_TIME_DECREASED,
        "media_time_ms "
            + e.mediaTimeMs()
            + " at frame_index "
            + e.frameIndex()
            + " is below "
            + previous.mediaTimeMs()
            + " at frame_index "
            + previous.frameIndex());
  }

  void observedAtRegression(EventType type, FrameEvent e, Instant maxObserved) {
    add(
        type,
        e,
        PartialReasonCode.OBSERVED_AT_REGRESSION,
        "observed_at at frame_index "
            + e.frameIndex()
            + " is "
            + Duration.between(e.observedAt(), maxObserved).toMillis()
            + " ms before an earlier frame's (tolerance 5000 ms)");
  }

  void observedAtInFuture(EventType type, FrameEvent e, Instant receivedAt) {
    add(
        type,
        e,
        PartialReasonCode.OBSERVED_AT_IN_FUTURE,
        "observed_at at frame_index "
            + e.frameIndex()
            + " is "
            + Duration.between(receivedAt, e.observedAt()).toMillis()
            + " ms after the collector received it (tolerance 5000 ms)");
  }

  void missingFrames(EventType type, long missing, long expected, List<FrameRange> found) {
    add(
        new PartialReason(
            PartialReasonCode.MISSING_FRAMES,
            missing + " of " + expected + " expected frames are missing",
            Optional.of(type),
            OptionalLong.of(found.get(0).first()),
            Optional.empty()));
    for (FrameRange r : found) {
      if (ranges.size() == Completeness.MAX_RANGES) {
        truncated = true;
        break;
      }
      ranges.add(r);
    }
  }

  Completeness build() {
    return new Completeness(reasons, ranges, truncated);
  }

  private void add(EventType type, FrameEvent e, PartialReasonCode code, String message) {
    add(
        new PartialReason(
            code,
            message,
            Optional.of(type),
            OptionalLong.of(e.frameIndex()),
            Optional.of(e.eventId())));
  }

  private void add(PartialReason reason) {
    if (reasons.size() == Completeness.MAX_REASONS) {
      truncated = true;
      return;
    }
    reasons.add(reason);
  }
}
