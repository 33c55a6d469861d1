package io.ovpo.core.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.FrameEventBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FrameChecksTest {
  private final Fixtures fx = Fixtures.forTest("FrameChecksTest");
  private final TraceId id = fx.traceId();
  private final Trace running = fx.trace().id(id).build();

  private FrameEventBuilder event(long frame) {
    return fx.event(id).frame(frame);
  }

  private List<StoredFrameEvent> frames(long... indexes) {
    return LongStream.of(indexes).mapToObj(i -> event(i).stored()).toList();
  }

  private Trace completed(int expected) {
    return fx.trace().id(id).status(TraceStatus.COMPLETED).expectedFrames(expected).build();
  }

  private static List<PartialReasonCode> codes(Completeness c) {
    return c.reasons().stream().map(PartialReason::code).toList();
  }

  @Test
  void strictlyIncreasingFrames_areComplete() {
    Completeness c = FrameChecks.check(completed(4), frames(0, 1, 2, 3));
    assertThat(c).isEqualTo(Completeness.complete());
    assertThat(FrameChecks.effectiveStatus(completed(4), c)).isEqualTo(TraceStatus.COMPLETED);
  }

  @Test
  void mediaTimeDecrease_marksPartial() {
    StoredFrameEvent f0 = event(0).mediaTimeMs(100).stored();
    StoredFrameEvent f1 = event(1).mediaTimeMs(40).stored();

    Completeness c = FrameChecks.check(running, List.of(f0, f1));
    assertThat(codes(c)).containsExactly(PartialReasonCode.MEDIA_TIME_DECREASED);
    PartialReason r = c.reasons().get(0);
    assertThat(r.eventType()).contains(EventType.FRAME_GENERATED);
    assertThat(r.frameIndex().getAsLong()).isEqualTo(1);
    assertThat(r.eventId()).contains(f1.event().eventId());
  }

  @Test
  void frameIndexRepeatedUnderOtherEventId_marksPartial() {
    Completeness c = FrameChecks.check(running, frames(0, 1, 1, 2));
    assertThat(codes(c)).containsExactly(PartialReasonCode.DUPLICATE_FRAME_INDEX);
    assertThat(c.reasons().get(0).frameIndex().getAsLong()).isEqualTo(1);
  }

  @Test
  void sameEventDeliveredTwice_countsOnce() {
    StoredFrameEvent e = event(0).stored();
    assertThat(FrameChecks.check(running, List.of(e, e, event(1).stored())).isComplete()).isTrue();
  }

  @Test
  void arrivalOrderDoesNotMatter_onlyFrameIndexOrder() {
    // Frames arrive 3, 2, 1, 0 (last frame first), each received later than the one before.
    List<StoredFrameEvent> arrived = new ArrayList<>();
    Instant received = Fixtures.T0.plusSeconds(1);
    for (long f = 3; f >= 0; f--) {
      FrameEvent e = event(f).build();
      arrived.add(new StoredFrameEvent(e, received));
      received = received.plusSeconds(10);
    }
    Completeness c = FrameChecks.check(completed(4), arrived);
    assertThat(c.isComplete()).isTrue();
    List<StoredFrameEvent> reversed = new ArrayList<>(arrived);
    java.util.Collections.reverse(reversed);
    assertThat(FrameChecks.check(completed(4), reversed)).isEqualTo(c);
  }

  @Test
  void observedAtWithinSkew_isAccepted() {
    // Frame 1 observed 5 s before frame 0 (exactly the tolerance), received 5 s before its
    // observed_at (exactly the tolerance the other way).
    FrameEvent f0 = event(0).observedAt(Fixtures.T0.plusSeconds(5)).build();
    FrameEvent f1 = event(1).observedAt(Fixtures.T0).build();
    List<StoredFrameEvent> events =
        List.of(
            new StoredFrameEvent(f0, f0.observedAt().minusSeconds(5)),
            new StoredFrameEvent(f1, f1.observedAt()));

    assertThat(FrameChecks.check(running, events).isComplete()).isTrue();
  }

  @Test
  void observedAtRegressionBeyondSkew_marksPartial() {
    FrameEvent f0 = event(0).observedAt(Fixtures.T0.plusMillis(5001)).build();
    FrameEvent f1 = event(1).observedAt(Fixtures.T0).build();
    List<StoredFrameEvent> events =
        List.of(
            new StoredFrameEvent(f0, Fixtures.T0.plusSeconds(6)),
            new StoredFrameEvent(f1, Fixtures.T0.plusSeconds(6)));

    assertThat(codes(FrameChecks.check(running, events)))
        .containsExactly(PartialReasonCode.OBSERVED_AT_REGRESSION);
  }

  @Test
  void observedAtMoreThan5sAfterReceipt_marksPartial() {
    FrameEvent f0 = event(0).build();
    StoredFrameEvent early = new StoredFrameEvent(f0, f0.observedAt().minusMillis(5001));

    Completeness c = FrameChecks.check(running, List.of(early));
    assertThat(codes(c)).containsExactly(PartialReasonCode.OBSERVED_AT_IN_FUTURE);
  }

  @Test
  void missingFramesAgainstExpected_reportedAsRanges() {
    Completeness c = FrameChecks.check(completed(10), frames(9, 0, 5, 1, 4));

    assertThat(codes(c)).containsExactly(PartialReasonCode.MISSING_FRAMES);
    assertThat(c.missingFrames()).containsExactly(new FrameRange(2, 3), new FrameRange(6, 8));
    assertThat(c.reasons().get(0).message()).isEqualTo("5 of 10 expected frames are missing");
    assertThat(c.reasons().get(0).frameIndex().getAsLong()).isEqualTo(2);
    assertThat(FrameChecks.effectiveStatus(completed(10), c)).isEqualTo(TraceStatus.PARTIAL);
  }

  @Test
  void noFramesAtAll_missesTheWholeRange() {
    Completeness c = FrameChecks.check(completed(24), List.of());
    assertThat(c.missingFrames()).containsExactly(new FrameRange(0, 23));
  }

  @Test
  void framesBeyondExpected_areIgnoredByTheMissingCheck() {
    assertThat(FrameChecks.check(completed(2), frames(0, 1, 2, 3)).isComplete()).isTrue();
  }

  @Test
  void missingFrames_onlyCheckedOnceTerminal() {
    Trace runningWithExpected = fx.trace().id(id).expectedFrames(10).build();
    assertThat(FrameChecks.check(runningWithExpected, frames(0, 1)).isComplete()).isTrue();
  }

  @Test
  void missingFrames_countDecodedFramesWhenNoneGenerated() {
    List<StoredFrameEvent> decoded =
        LongStream.range(0, 3)
            .mapToObj(i -> event(i).type(EventType.FRAME_DECODED).stored())
            .toList();
    assertThat(FrameChecks.check(completed(3), decoded).isComplete()).isTrue();

    List<StoredFrameEvent> mixed = new ArrayList<>(decoded);
    mixed.add(event(0).stored()); // one FRAME_GENERATED: now generated frames count
    assertThat(FrameChecks.check(completed(3), mixed).missingFrames())
        .containsExactly(new FrameRange(1, 2));
  }

  @Test
  void rulesRunPerEventType() {
    List<StoredFrameEvent> events = new ArrayList<>(frames(0, 1));
    events.add(event(0).type(EventType.GPU_SAMPLE).gpu(1000, 50).stored());
    events.add(event(1).type(EventType.GPU_SAMPLE).gpu(1000, 50).stored());
    assertThat(FrameChecks.check(running, events).isComplete()).isTrue();
  }

  @Test
  void gpuSamples_areCheckedByAllFourRules() {
    List<StoredFrameEvent> samples =
        List.of(
            event(0).type(EventType.GPU_SAMPLE).stored(),
            event(0).type(EventType.GPU_SAMPLE).stored());
    assertThat(codes(FrameChecks.check(running, samples)))
        .containsExactly(PartialReasonCode.DUPLICATE_FRAME_INDEX);
  }

  @Test
  void clientReportedPartial_addsReportedByClient() {
    Trace partial = fx.trace().id(id).status(TraceStatus.PARTIAL).build();
    Completeness c = FrameChecks.check(partial, frames(0, 1));
    assertThat(codes(c)).containsExactly(PartialReasonCode.REPORTED_BY_CLIENT);
    assertThat(FrameChecks.effectiveStatus(partial, c)).isEqualTo(TraceStatus.PARTIAL);
  }

  @Test
  void effectiveStatus_overrulesOnlyCompleted() {
    Trace failed = fx.trace().id(id).status(TraceStatus.FAILED).expectedFrames(5).build();
    Completeness c = FrameChecks.check(failed, frames(0));
    assertThat(c.isComplete()).isFalse();
    assertThat(FrameChecks.effectiveStatus(failed, c)).isEqualTo(TraceStatus.FAILED);
  }

  @Test
  void reasonsAreCapped_andMarkedTruncated() {
    List<StoredFrameEvent> events = new ArrayList<>();
    for (long f = 0; f < 150; f++) {
      events.add(event(f).stored());
      events.add(event(f).stored());
    }
    Completeness c = FrameChecks.check(running, events);
    assertThat(c.reasons()).hasSize(Completeness.MAX_REASONS);
    assertThat(c.truncated()).isTrue();
  }

  @Test
  void missingRangesAreCapped_andMarkedTruncated() {
    long[] even = LongStream.range(0, 2500).map(i -> 2 * i).toArray();
    Completeness c = FrameChecks.check(completed(5000), frames(even));
    assertThat(c.missingFrames()).hasSize(Completeness.MAX_RANGES);
    assertThat(c.missingFrames().get(0)).isEqualTo(new FrameRange(1, 1));
    assertThat(c.truncated()).isTrue();
    assertThat(c.reasons().get(0).message()).isEqualTo("2500 of 5000 expected frames are missing");
  }

  @Test
  void zeroExpectedFrames_missesNothing() {
    assertThat(FrameChecks.check(completed(0), List.of()).isComplete()).isTrue();
  }
}
