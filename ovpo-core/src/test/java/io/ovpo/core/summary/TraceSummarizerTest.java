package io.ovpo.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameEventStats.MediaTimeRange;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TraceSummarizerTest {
  private final Fixtures fx = Fixtures.forTest("TraceSummarizerTest");
  private final TenantId tenant = TenantId.of("acme");

  private TraceRecord record(Trace trace, Completeness c, Optional<ComputeCost> cost) {
    return new TraceRecord(tenant, trace, trace.status(), c, cost, Fixtures.T0, Fixtures.T0, 1);
  }

  /** Events observed over 60 s, whatever their media times, so fps from observed_at would show. */
  private static FrameEventStats stats(
      Map<EventType, Long> frames, Map<EventType, MediaTimeRange> mediaTime) {
    return new FrameEventStats(
        42,
        frames,
        OptionalDouble.of(61_440),
        OptionalDouble.of(87.5),
        Optional.of(Fixtures.T0),
        Optional.of(Fixtures.T0.plusSeconds(60)),
        mediaTime);
  }

  @Test
  void summary_fillsEveryField() {
    Trace trace =
        fx.trace().status(TraceStatus.COMPLETED).ran(Duration.ofSeconds(2), 30_000).build();
    Completeness c =
        new Completeness(
            List.of(
                new PartialReason(
                    PartialReasonCode.MISSING_FRAMES,
                    "1 of 10 expected frames are missing",
                    Optional.of(EventType.FRAME_GENERATED),
                    OptionalLong.of(9),
                    Optional.empty())),
            List.of(new FrameRange(9, 9)),
            false);
    ComputeCost cost = new ComputeCost(12.5, Map.of(SpanKind.SAMPLING, 12.5), "default", "2026.11");
    TraceRecord record = record(trace, c, Optional.of(cost));

    TraceSummary s =
        TraceSummarizer.summarize(
            record,
            List.of(
                fx.span(trace.traceId()).kind(SpanKind.SAMPLING).durationMs(3_000).build(),
                fx.span(trace.traceId()).kind(SpanKind.DECODE).durationMs(1_000).build(),
                fx.span(trace.traceId()).kind(SpanKind.UPSCALE).open().build()),
            stats(
                Map.of(EventType.FRAME_GENERATED, 9L, EventType.GPU_SAMPLE, 30L),
                Map.of(
                    EventType.FRAME_GENERATED,
                    new MediaTimeRange(0, 4_000),
                    EventType.GPU_SAMPLE,
                    new MediaTimeRange(0, 60_000))));

    assertThat(s.totalDurationMs()).isEqualTo(OptionalLong.of(30_000));
    assertThat(s.spanBreakdownPct())
        .containsOnlyKeys(SpanKind.SAMPLING, SpanKind.DECODE)
        .containsEntry(SpanKind.SAMPLING, 75.0)
        .containsEntry(SpanKind.DECODE, 25.0);
    assertThat(s.peakVramMb()).isEqualTo(OptionalDouble.of(61_440));
    assertThat(s.avgGpuUtilizationPct()).isEqualTo(OptionalDouble.of(87.5));
    assertThat(s.frameCount()).isEqualTo(9);
    assertThat(s.eventCount()).isEqualTo(42);
    assertThat(s.observedFps().getAsDouble()).isCloseTo(2.0, within(1e-9));
    assertThat(s.computeUnits()).contains(cost);
    assertThat(s.completeness()).isEqualTo(c);
  }

  @Test
  void runningTrace_hasNoDurationFpsOrBreakdown() {
    Trace trace = fx.trace().build();
    TraceSummary s =
        TraceSummarizer.summarize(
            record(trace, Completeness.complete(), Optional.empty()),
            List.of(fx.span(trace.traceId()).open().build()),
            FrameEventStats.empty());

    assertThat(s.totalDurationMs()).isEmpty();
    assertThat(s.spanBreakdownPct()).isEmpty();
    assertThat(s.frameCount()).isZero();
    assertThat(s.observedFps()).isEmpty();
    assertThat(s.computeUnits()).isEmpty();
  }

  @Test
  void endedTraceWithoutStart_measuresFromCreatedAt() {
    Trace trace =
        fx.trace()
            .status(TraceStatus.CANCELLED)
            .notStarted()
            .endedAt(Fixtures.T0.plusSeconds(5))
            .build();
    TraceSummary s =
        TraceSummarizer.summarize(
            record(trace, Completeness.complete(), Optional.empty()),
            List.of(),
            FrameEventStats.empty());
    assertThat(s.totalDurationMs()).isEqualTo(OptionalLong.of(5_000));
  }

  @Test
  void spanBreakdown_isRoundedToTwoDecimals() {
    Trace trace = fx.trace().build();
    TraceSummary s =
        TraceSummarizer.summarize(
            record(trace, Completeness.complete(), Optional.empty()),
            List.of(
                fx.span(trace.traceId()).kind(SpanKind.LOAD).durationMs(1_000).build(),
                fx.span(trace.traceId()).kind(SpanKind.SAMPLING).durationMs(2_000).build()),
            FrameEventStats.empty());
    assertThat(s.spanBreakdownPct())
        .containsEntry(SpanKind.LOAD, 33.33)
        .containsEntry(SpanKind.SAMPLING, 66.67);
  }

  @Test
  void frameCount_fallsBackToDecodedFrames() {
    Trace trace = fx.trace().build();
    TraceSummary s =
        TraceSummarizer.summarize(
            record(trace, Completeness.complete(), Optional.empty()),
            List.of(),
            stats(
                Map.of(EventType.FRAME_DECODED, 24L),
                Map.of(EventType.FRAME_DECODED, new MediaTimeRange(500, 500))));
    assertThat(s.frameCount()).isEqualTo(24);
    assertThat(s.observedFps()).isEmpty(); // no media-time span
  }

  @Test
  void observedFps_isOverTheMediaTimeOfTheCountedFrames_notTheirObservedAt() {
    Trace trace = fx.trace().build();
    TraceRecord record = record(trace, Completeness.complete(), Optional.empty());

    // 25 generated frames over 1 s of media time, observed over 60 s: 24 fps, not 0.4.
    TraceSummary generated =
        TraceSummarizer.summarize(
            record,
            List.of(),
            stats(
                Map.of(EventType.FRAME_GENERATED, 25L, EventType.FRAME_DECODED, 25L),
                Map.of(
                    EventType.FRAME_GENERATED,
                    new MediaTimeRange(1_000, 2_000),
                    EventType.FRAME_DECODED,
                    new MediaTimeRange(0, 4_000))));
    // Without generated frames the decoded ones count, with their own media times.
    TraceSummary decoded =
        TraceSummarizer.summarize(
            record,
            List.of(),
            stats(
                Map.of(EventType.FRAME_DECODED, 24L),
                Map.of(EventType.FRAME_DECODED, new MediaTimeRange(0, 2_300))));

    assertThat(generated.observedFps().getAsDouble()).isCloseTo(24.0, within(1e-9));
    assertThat(decoded.observedFps().getAsDouble()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void observedFps_isUnknown_forAggregatesKeptWithoutMediaTimes() {
    Trace trace = fx.trace().build();
    FrameEventStats kept =
        new FrameEventStats(
            30,
            Map.of(EventType.FRAME_GENERATED, 30L),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            Optional.of(Fixtures.T0),
            Optional.of(Fixtures.T0.plusSeconds(3)));

    TraceSummary s =
        TraceSummarizer.summarize(
            record(trace, Completeness.complete(), Optional.empty()), List.of(), kept);

    assertThat(s.frameCount()).isEqualTo(30);
    assertThat(s.observedFps()).isEmpty();
  }
}
