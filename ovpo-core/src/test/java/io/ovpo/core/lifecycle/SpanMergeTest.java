package io.ovpo.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.SpanBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanMergeTest {
  private final Fixtures fx = Fixtures.forTest("SpanMergeTest");
  private final TraceId trace = fx.traceId();
  private final SpanId id = fx.spanId();

  private SpanBuilder span() {
    return fx.span(trace).id(id);
  }

  @Test
  void openSpan_acceptsEndTimeAndStatus() {
    Span open = span().open().build();
    Span ended = span().durationMs(1500).status(SpanStatus.OK).build();

    SpanMergeResult r = SpanMerge.merge(open, ended);
    assertThat(r).isEqualTo(new SpanMergeResult.Merged(ended));
  }

  @Test
  void identicalSpan_isUnchanged() {
    Span s = span().build();
    assertThat(SpanMerge.merge(s, span().build())).isInstanceOf(SpanMergeResult.Unchanged.class);
  }

  @Test
  void resendWithoutEndTimeOrStatus_keepsStoredValues() {
    Span ended = span().build();
    assertThat(SpanMerge.merge(ended, span().open().build()))
        .isInstanceOf(SpanMergeResult.Unchanged.class);
  }

  @Test
  void changedEndTime_isConflict() {
    Span ended = span().durationMs(1500).build();
    assertThat(SpanMerge.merge(ended, span().durationMs(2000).build()))
        .isEqualTo(conflict("end_time"));
  }

  @Test
  void changedStatus_isConflict() {
    Span ok = span().status(SpanStatus.OK).build();
    assertThat(SpanMerge.merge(ok, span().status(SpanStatus.ERROR).build()))
        .isEqualTo(conflict("status"));
  }

  @Test
  void changedStartTimeNameOrKind_isConflict() {
    Span s = span().build();
    assertThat(SpanMerge.merge(s, span().start(Fixtures.T0.plusMillis(1)).build()))
        .isEqualTo(conflict("start_time"));
    assertThat(SpanMerge.merge(s, span().name("other").build())).isEqualTo(conflict("name"));
    assertThat(
            SpanMerge.merge(
                s, span().kind(io.ovpo.ports.model.SpanKind.DECODE).name(s.name()).build()))
        .isEqualTo(conflict("span_kind"));
  }

  @Test
  void newAttributeKey_isMerged_changedValue_isConflict() {
    Span s = span().attributes(Map.of("custom.a", 1L)).build();

    SpanMergeResult added = SpanMerge.merge(s, span().attributes(Map.of("custom.b", "x")).build());
    assertThat(added).isInstanceOf(SpanMergeResult.Merged.class);
    assertThat(((SpanMergeResult.Merged) added).span().attributes().values())
        .containsEntry("custom.a", 1L)
        .containsEntry("custom.b", "x");

    assertThat(SpanMerge.merge(s, span().attributes(Map.of("custom.a", 2L)).build()))
        .isEqualTo(conflict("attributes.custom.a"));
  }

  @Test
  void parent_isFilledIn_neverChanged() {
    SpanId parent = fx.spanId();
    Span orphan = span().build();
    Span withParent = span().parent(parent).build();

    assertThat(SpanMerge.merge(orphan, withParent))
        .isEqualTo(new SpanMergeResult.Merged(withParent));
    assertThat(SpanMerge.merge(withParent, span().parent(fx.spanId()).build()))
        .isEqualTo(conflict("parent_span_id"));
  }

  private static SpanMergeResult conflict(String field) {
    return new SpanMergeResult.Conflict(field, field + " is already set to another value");
  }
}
