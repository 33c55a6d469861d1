package io.ovpo.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.Trace;
import io.ovpo.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class ComputeUnitsProperties {
  private static final Fixtures FX = new Fixtures(11);
  private static final Trace TRACE = FX.trace().build();
  private static final HardwareProfile PROFILE =
      new HardwareProfile(
          "p", "1", Map.of("h100", 1.3), 0.5, Map.of(SpanKind.LOAD, 0.25, SpanKind.DECODE, 2.0));

  private static double units(List<Tuple.Tuple2<SpanKind, Long>> spans, long scale) {
    List<Span> built = new ArrayList<>();
    for (var s : spans) {
      built.add(FX.span(TRACE.traceId()).kind(s.get1()).durationMs(s.get2() * scale).build());
    }
    return ComputeUnits.compute(PROFILE, TRACE, built).map(ComputeCost::computeUnits).orElse(0.0);
  }

  @Property(tries = 200)
  void units_areNonNegative(@ForAll("spans") List<Tuple.Tuple2<SpanKind, Long>> spans) {
    assertThat(units(spans, 1)).isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 200)
  void units_areLinearInDuration(
      @ForAll("spans") List<Tuple.Tuple2<SpanKind, Long>> spans,
      @ForAll @IntRange(min = 1, max = 50) int factor) {
    double once = units(spans, 1);
    assertThat(units(spans, factor)).isCloseTo(once * factor, within(1e-9 * (1 + once * factor)));
  }

  @Property(tries = 200)
  void units_areAdditiveOverSpans(
      @ForAll("spans") List<Tuple.Tuple2<SpanKind, Long>> a,
      @ForAll("spans") List<Tuple.Tuple2<SpanKind, Long>> b) {
    List<Tuple.Tuple2<SpanKind, Long>> both = new ArrayList<>(a);
    both.addAll(b);
    double sum = units(a, 1) + units(b, 1);
    assertThat(units(both, 1)).isCloseTo(sum, within(1e-9 * (1 + sum)));
  }

  @Property(tries = 100)
  void perKindUnits_addUpToTheTotal(@ForAll("spans") List<Tuple.Tuple2<SpanKind, Long>> spans) {
    List<Span> built = new ArrayList<>();
    for (var s : spans) {
      built.add(FX.span(TRACE.traceId()).kind(s.get1()).durationMs(s.get2()).build());
    }
    ComputeUnits.compute(PROFILE, TRACE, built)
        .ifPresent(
            c ->
                assertThat(c.bySpanKind().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(c.computeUnits(), within(1e-9 * (1 + c.computeUnits()))));
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<SpanKind, Long>>> spans() {
    return Combinators.combine(
            Arbitraries.of(SpanKind.class), Arbitraries.longs().between(0, 3_600_000))
        .as(Tuple::of)
        .list()
        .ofMaxSize(12);
  }
}
