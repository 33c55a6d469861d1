package io.ovpo.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ComputeUnitsTest {
  private final Fixtures fx = Fixtures.forTest("ComputeUnitsTest");
  private final HardwareProfile profile = HardwareProfile.defaults();

  private static Trace on(Trace t, String gpu, int count) {
    PipelineConfig c = t.pipelineConfig().orElseThrow();
    PipelineConfig hw =
        new PipelineConfig(
            c.modelName(),
            Optional.empty(),
            c.width(),
            c.height(),
            c.fps(),
            c.numFrames(),
            OptionalInt.empty(),
            OptionalDouble.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            new Hardware(gpu, count));
    return new Trace(
        t.traceId(),
        t.status(),
        t.createdAt(),
        t.startedAt(),
        t.endedAt(),
        Optional.of(hw),
        Optional.empty(),
        t.promptHash(),
        t.userIdHash(),
        t.tags(),
        t.attributes(),
        t.failure(),
        t.expectedFrames(),
        t.legalHold());
  }

  @Test
  void units_areDurationTimesFactorTimesGpuCountTimesWeight() {
    Trace trace = on(fx.trace().build(), "A100", 2);
    TraceId id = trace.traceId();

    ComputeCost cost =
        ComputeUnits.compute(
                profile,
                trace,
                List.of(
                    fx.span(id).kind(SpanKind.SAMPLING).durationMs(10_000).build(),
                    fx.span(id).kind(SpanKind.LOAD).durationMs(4_000).build(),
                    fx.span(id).kind(SpanKind.SAMPLING).durationMs(500).build()))
            .orElseThrow();

    assertThat(cost.bySpanKind().get(SpanKind.SAMPLING)).isCloseTo(10.5 * 0.6 * 2, within(1e-9));
    assertThat(cost.bySpanKind().get(SpanKind.LOAD)).isCloseTo(4 * 0.6 * 2 * 0.5, within(1e-9));
    assertThat(cost.computeUnits()).isCloseTo(12.6 + 2.4, within(1e-9));
    assertThat(cost.profileName()).isEqualTo("default");
    assertThat(cost.profileVersion()).isEqualTo("2026.11");
  }

  @Test
  void openSpans_andSpansOfOtherTraces_doNotCount() {
    Trace trace = fx.trace().build(); // H100 x1
    ComputeCost cost =
        ComputeUnits.compute(
                profile,
                trace,
                List.of(
                    fx.span(trace.traceId()).durationMs(2_000).build(),
                    fx.span(trace.traceId()).open().build(),
                    fx.span(fx.traceId()).durationMs(9_000).build()))
            .orElseThrow();
    assertThat(cost.computeUnits()).isCloseTo(2.0, within(1e-9));
    assertThat(cost.bySpanKind()).containsOnlyKeys(SpanKind.SAMPLING);
  }

  @Test
  void noEndedSpan_meansNoCostYet() {
    Trace trace = fx.trace().build();
    assertThat(ComputeUnits.compute(profile, trace, List.of())).isEmpty();
    assertThat(
            ComputeUnits.compute(profile, trace, List.of(fx.span(trace.traceId()).open().build())))
        .isEmpty();
  }

  @Test
  void configRef_usesDefaultFactorAndOneGpu() {
    Trace trace = fx.trace().configRef().build();
    ComputeCost cost =
        ComputeUnits.compute(
                profile, trace, List.of(fx.span(trace.traceId()).durationMs(4_000).build()))
            .orElseThrow();
    assertThat(cost.computeUnits()).isCloseTo(4 * 0.5, within(1e-9));
  }

  @Test
  void unknownGpu_usesDefaultFactor() {
    Trace trace = on(fx.trace().build(), "MI300X", 4);
    ComputeCost cost =
        ComputeUnits.compute(
                profile, trace, List.of(fx.span(trace.traceId()).durationMs(1_000).build()))
            .orElseThrow();
    assertThat(cost.computeUnits()).isCloseTo(1 * 0.5 * 4, within(1e-9));
  }

  @Test
  void zeroLengthSpan_costsZero_butCounts() {
    Trace trace = fx.trace().build();
    ComputeCost cost =
        ComputeUnits.compute(
                profile, trace, List.of(fx.span(trace.traceId()).durationMs(0).build()))
            .orElseThrow();
    assertThat(cost.computeUnits()).isZero();
  }
}
