package io.ovpo.compliance.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The pipeline invariants, one rule at a time (the Python SDK's test_compliance mirrors them). */
class InvariantCheckerTest {
  private final InvariantChecker checker = new InvariantChecker(Tolerances.DEFAULT);

  private Map<Invariant, List<String>> check(Traces t) {
    return checker.check(t.capture());
  }

  /** Only {@code failing} has findings, and one of them contains {@code text}. */
  private void expectOnly(Traces t, Invariant failing, String text) {
    Map<Invariant, List<String>> found = check(t);
    found.forEach(
        (inv, list) -> {
          if (inv == failing) {
            assertThat(list).as(inv.id()).anySatisfy(f -> assertThat(f).contains(text));
          } else {
            assertThat(list).as(inv.id()).isEmpty();
          }
        });
  }

  @Test
  void wellInstrumentedTrace_keepsEveryInvariant() {
    assertThat(check(Traces.good()).values()).allSatisfy(l -> assertThat(l).isEmpty());
  }

  @Test
  void itemsWithoutTheirTrace_areOrphans() {
    Traces t = Traces.good();
    t.trace = null;
    assertThat(check(t).get(Invariant.TRACE_COMPLETENESS))
        .singleElement()
        .asString()
        .contains("orphans");
  }

  @Test
  void traceThatNeverReachedATerminalStatus_isIncomplete() {
    Traces t = Traces.good();
    t.trace.put("status", "RUNNING").remove("ended_at");
    expectOnly(t, Invariant.TRACE_COMPLETENESS, "not a terminal status");
  }

  @Test
  void completedTraceWithMissingFrames_listsMergedRanges_butAFailedOneIsComplete() {
    Traces t = Traces.good();
    t.trace.put("expected_frames", 10);
    t.frame(6, 10_500);
    expectOnly(t, Invariant.TRACE_COMPLETENESS, "4-5, 7-9");
    t.trace.put("status", "FAILED");
    assertThat(check(t).get(Invariant.TRACE_COMPLETENESS)).isEmpty();
  }

  @Test
  void openSpan_isIncomplete() {
    Traces t = Traces.good();
    t.span(2_000, null, null);
    expectOnly(t, Invariant.TRACE_COMPLETENESS, "never ended");
  }

  @Test
  void parentThatIsNotASpan_orAnEventsUnknownSpan_areOrphans() {
    Traces t = Traces.good();
    t.span(2_000, 3_000L, io.ovpo.compliance.Items.id());
    expectOnly(t, Invariant.SPAN_PARENTING, "which is not a span of the trace");
    Traces e = Traces.good();
    e.frame(4, 10_200).put("span_id", io.ovpo.compliance.Items.id());
    assertThat(check(e).get(Invariant.SPAN_PARENTING))
        .singleElement()
        .asString()
        .contains("names span");
  }

  @Test
  void parentCycle_isFoundOnce() {
    Traces t = Traces.good();
    var a = t.span(2_000, 3_000L, null);
    var b = t.span(2_000, 3_000L, a.path("span_id").asText());
    a.put("parent_span_id", b.path("span_id").asText());
    assertThat(check(t).get(Invariant.SPAN_PARENTING)).singleElement().asString().contains("cycle");
  }

  @Test
  void childOutsideItsParent_isFlaggedBeyondTheTolerance() {
    Traces t = Traces.good();
    String parent = t.span(2_000, 3_000L, null).path("span_id").asText();
    t.span(1_950, 3_050L, parent); // 50 ms each side: within 100 ms
    assertThat(check(t).get(Invariant.SPAN_PARENTING)).isEmpty();
    t.span(1_500, 2_500L, parent);
    expectOnly(t, Invariant.SPAN_PARENTING, "500 ms before its parent");
  }

  @Test
  void spanAfterItsTraceEnded_isFlagged() {
    Traces t = Traces.good();
    t.span(50_000, 70_000L, null); // the trace ends at T0 + 60 s
    expectOnly(t, Invariant.SPAN_PARENTING, "ends after its trace ended");
  }

  @Test
  void repeatedFrameIndex_countsWithinOneEventTypeOnly() {
    Traces t = Traces.good();
    t.frame("FRAME_DECODED", 0, 0, 10_001, null);
    assertThat(check(t).get(Invariant.FRAME_INDEX_MONOTONIC)).isEmpty();
    t.frame(0, 10_300);
    assertThat(check(t).get(Invariant.FRAME_INDEX_MONOTONIC))
        .anySatisfy(f -> assertThat(f).contains("repeats"));
  }

  @Test
  void frameObservedAfterAHigherOne_isOutOfOrder() {
    Traces t = new Traces();
    t.frame(0, 1_000);
    t.frame(2, 1_040);
    t.frame(1, 1_080);
    expectOnly(t, Invariant.FRAME_INDEX_MONOTONIC, "after frame 2");
  }

  @Test
  void mediaTimeGoingBack_isFlagged_butEqualIsNot() {
    Traces t = new Traces();
    t.frame("FRAME_GENERATED", 0, 40, 1_000, null);
    t.frame("FRAME_GENERATED", 1, 40, 1_040, null);
    assertThat(check(t).get(Invariant.MEDIA_TIME_MONOTONIC)).isEmpty();
    t.frame("FRAME_GENERATED", 2, 39, 1_080, null);
    expectOnly(t, Invariant.MEDIA_TIME_MONOTONIC, "less than frame 1");
  }

  @Property(tries = 60)
  void observedAtRegression_isToleratedUpToTheSkewExactly(
      @ForAll @IntRange(min = 0, max = 20_000) int backMs) {
    Traces t = new Traces();
    t.frame(0, 30_000);
    t.frame(1, 30_000 - backMs);
    List<String> found = check(t).get(Invariant.OBSERVED_AT_SKEW);
    if (backMs <= 5_000) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).singleElement().asString().contains(backMs + " ms before");
    }
  }

  @Test
  void observedLongAfterTheReceiveTime_isSkew_withinTheConfiguredTolerance() {
    Traces t = new Traces();
    t.frame("FRAME_GENERATED", 0, 0, 10_000, 4_000L);
    expectOnly(t, Invariant.OBSERVED_AT_SKEW, "6000 ms after it was received");
    InvariantChecker lenient =
        new InvariantChecker(new Tolerances(Duration.ZERO, Duration.ofSeconds(10)));
    assertThat(lenient.check(t.capture()).get(Invariant.OBSERVED_AT_SKEW)).isEmpty();
  }

  @Property(tries = 30)
  void findingsNeverDependOnArrivalOrder(@ForAll long seed) {
    Traces good = Traces.good();
    good.frame(3, 9_000); // a repeat observed early: frame-index findings
    good.frame("FRAME_GENERATED", 5, 10, 10_400, null); // media time back
    Map<Invariant, List<String>> expected = checker.check(good.capture());
    List<Observation> shuffled = new ArrayList<>(good.events);
    Collections.shuffle(shuffled, new Random(seed));
    List<com.fasterxml.jackson.databind.node.ObjectNode> spans = new ArrayList<>(good.spans);
    Collections.shuffle(spans, new Random(seed + 1));
    TraceCapture reordered =
        new TraceCapture(
            good.traceId, java.util.Optional.of(good.trace), List.copyOf(spans), shuffled, "test");
    Map<Invariant, List<String>> got = checker.check(reordered);
    for (Invariant inv :
        List.of(
            Invariant.MEDIA_TIME_MONOTONIC,
            Invariant.OBSERVED_AT_SKEW,
            Invariant.TRACE_COMPLETENESS)) {
      assertThat(got.get(inv)).as(inv.id()).isEqualTo(expected.get(inv));
    }
    assertThat(got.get(Invariant.FRAME_INDEX_MONOTONIC))
        .hasSameSizeAs(expected.get(Invariant.FRAME_INDEX_MONOTONIC));
  }
}
