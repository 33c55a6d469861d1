package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SpanStore}: replace-by-id upserts, tenant isolation, start-time order, and
 * exact duration statistics joined with the trace's tags. Implement {@link #newStore()} and {@link
 * #traceStoreOfSameBackend()}; see {@link StoreContract} for the other hooks.
 */
public abstract class SpanStoreContract<S extends SpanStore> extends StoreContract<S> {
  private static final Comparator<Span> TRACE_ORDER =
      Comparator.comparing(Span::startTime).thenComparing(s -> s.spanId().value());

  /**
   * The trace store whose traces {@link SpanStore#durationStats} joins with: same backend, same
   * data as {@link #store}. Called after {@link #newStore()}.
   */
  protected abstract TraceStore traceStoreOfSameBackend() throws Exception;

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void upsert_thenGetAll_returnsOnlyStoredIds() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Span a = fx.span(trace).build();
    Span b = fx.span(trace).kind(SpanKind.DECODE).build();
    store.upsert(tenant, List.of(a, b));
    SpanId missing = fx.spanId();
    assertThat(store.getAll(tenant, List.of(a.spanId(), b.spanId(), missing)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(a.spanId(), a, b.spanId(), b));
    assertThat(store.getAll(tenant, List.of())).isEmpty();
  }

  @Test
  void upsert_sameSpanId_replacesTheSpan() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Span open = fx.span(trace).open().start(Fixtures.T0.plusSeconds(10)).build();
    Span other = fx.span(trace).start(Fixtures.T0.plusSeconds(5)).build();
    store.upsert(tenant, List.of(open, other));
    Span ended =
        fx.span(trace)
            .id(open.spanId())
            .start(Fixtures.T0)
            .durationMs(900)
            .status(SpanStatus.ERROR)
            .build();
    store.upsert(tenant, List.of(ended));
    assertThat(store.getAll(tenant, List.of(open.spanId()))).containsEntry(open.spanId(), ended);
    assertThat(store.byTrace(tenant, trace)).containsExactly(ended, other);
  }

  @Test
  void upsert_sameSpansAgain_isIdempotent() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<Span> spans = List.of(fx.span(trace).build(), fx.span(trace).open().build());
    store.upsert(tenant, spans);
    store.upsert(tenant, spans);
    assertThat(store.byTrace(tenant, trace)).containsExactlyInAnyOrderElementsOf(spans);
  }

  @Test
  void getAll_otherTenantsSpans_areInvisible() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    Span mine = fx.span(fx.traceId()).build();
    store.upsert(tenant, List.of(mine));
    assertThat(store.getAll(other, List.of(mine.spanId()))).isEmpty();
    Span theirs = fx.span(mine.traceId()).id(mine.spanId()).name("their copy").build();
    store.upsert(other, List.of(theirs));
    assertThat(store.getAll(tenant, List.of(mine.spanId()))).containsEntry(mine.spanId(), mine);
    assertThat(store.getAll(other, List.of(mine.spanId()))).containsEntry(mine.spanId(), theirs);
  }

  @Test
  void byTrace_ordersByStartTimeThenSpanId() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      spans.add(fx.span(trace).start(Fixtures.T0.plusMillis(250L * (i % 6))).build());
    }
    store.upsert(tenant, spans);
    store.upsert(tenant, List.of(fx.span(fx.traceId()).build()));
    assertThat(store.byTrace(tenant, trace))
        .containsExactlyElementsOf(spans.stream().sorted(TRACE_ORDER).toList());
  }

  @Test
  void byTrace_roundTripsEveryField() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Span root = fx.span(trace).kind(SpanKind.LOAD).build();
    Span child =
        fx.span(trace)
            .parent(root.spanId())
            .kind(SpanKind.CUSTOM)
            .name("nsfw filter ✓")
            .start(Fixtures.T0.plusMillis(1))
            .open()
            .attributes(
                Map.of("custom.batch", 4L, "custom.ratio", 0.25, "ovpo.gpu.index", List.of(0L, 1L)))
            .build();
    store.upsert(tenant, List.of(child, root));
    assertThat(store.byTrace(tenant, trace)).containsExactly(root, child);
  }

  @Test
  void byTrace_otherTenantOrTrace_isEmpty() {
    TenantId tenant = fx.tenant();
    Span span = fx.span(fx.traceId()).build();
    store.upsert(tenant, List.of(span));
    assertThat(store.byTrace(fx.tenant(), span.traceId())).isEmpty();
    assertThat(store.byTrace(tenant, fx.traceId())).isEmpty();
  }

  @Test
  void durationStats_matchNaiveReferencePerKind() {
    TenantId tenant = fx.tenant();
    List<Span> spans = new ArrayList<>();
    SpanKind[] kinds = {SpanKind.SAMPLING, SpanKind.LOAD, SpanKind.DECODE, SpanKind.SAFETY_CHECK};
    for (int i = 0; i < 400; i++) {
      SpanBuilder b =
          fx.span(fx.traceId())
              .kind(kinds[fx.random().nextInt(kinds.length)])
              .start(Fixtures.T0.plusSeconds(fx.random().nextInt(3600)));
      if (fx.random().nextInt(10) == 0) {
        b.open();
      } else {
        b.durationMs(fx.random().nextInt(10) == 0 ? 0 : fx.random().nextInt(120_000));
      }
      spans.add(b.build());
    }
    for (int from = 0; from < spans.size(); from += 100) {
      store.upsert(tenant, spans.subList(from, from + 100));
    }
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty()))
        .usingElementComparator(STATS_COMPARATOR)
        .containsExactlyElementsOf(reference(spans));
  }

  @Test
  void durationStats_countOnlyEndedSpansStartingInTheHalfOpenRange() {
    TenantId tenant = fx.tenant();
    Instant from = Fixtures.T0;
    Instant to = Fixtures.T0.plusSeconds(60);
    Span atFrom = fx.span(fx.traceId()).start(from).durationMs(100).build();
    Span beforeTo = fx.span(fx.traceId()).start(to.minusMillis(1)).durationMs(300).build();
    store.upsert(
        tenant,
        List.of(
            atFrom,
            beforeTo,
            fx.span(fx.traceId()).start(from.minusMillis(1)).durationMs(5).build(),
            fx.span(fx.traceId()).start(to).durationMs(7).build(),
            fx.span(fx.traceId()).start(from.plusSeconds(1)).open().build()));
    assertThat(store.durationStats(tenant, TimeRange.of(from, to), Tags.empty()))
        .usingElementComparator(STATS_COMPARATOR)
        .containsExactly(new SpanDurationStats(SpanKind.SAMPLING, 2, 200.0, 300, 300));
  }

  @Test
  void durationStats_singleSpan_isItsOwnPercentiles() {
    TenantId tenant = fx.tenant();
    store.upsert(
        tenant, List.of(fx.span(fx.traceId()).kind(SpanKind.UPSCALE).durationMs(1234).build()));
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty()))
        .usingElementComparator(STATS_COMPARATOR)
        .containsExactly(new SpanDurationStats(SpanKind.UPSCALE, 1, 1234.0, 1234, 1234));
  }

  @Test
  void durationStats_tagFilter_joinsTheTracesTagsOfTheSameTenant() throws Exception {
    TraceStore traces = traceStoreOfSameBackend();
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    Trace tagged = fx.trace().tag("team", "a").tag("env", "prod").build();
    Trace untagged = fx.trace().tag("team", "b").build();
    Trace taggedOnlyElsewhere = fx.trace().tag("team", "a").build();
    assertThat(traces.put(fx.record(tenant, tagged).build(), 0)).isTrue();
    assertThat(traces.put(fx.record(tenant, untagged).build(), 0)).isTrue();
    assertThat(traces.put(fx.record(other, taggedOnlyElsewhere).build(), 0)).isTrue();
    store.upsert(
        tenant,
        List.of(
            fx.span(tagged.traceId()).durationMs(100).build(),
            fx.span(tagged.traceId()).durationMs(300).build(),
            fx.span(untagged.traceId()).durationMs(5_000).build(),
            fx.span(taggedOnlyElsewhere.traceId()).durationMs(7_000).build(),
            fx.span(fx.traceId()).durationMs(9_000).build()));
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.of(Map.of("team", "a"))))
        .usingElementComparator(STATS_COMPARATOR)
        .containsExactly(new SpanDurationStats(SpanKind.SAMPLING, 2, 200.0, 300, 300));
    assertThat(
            store.durationStats(
                tenant, TimeRange.all(), Tags.of(Map.of("team", "a", "env", "dev"))))
        .isEmpty();
  }

  @Test
  void durationStats_emptyTagFilter_includesSpansWhoseTraceIsNotStored() {
    TenantId tenant = fx.tenant();
    store.upsert(tenant, List.of(fx.span(fx.traceId()).kind(SpanKind.LOAD).durationMs(40).build()));
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty()))
        .usingElementComparator(STATS_COMPARATOR)
        .containsExactly(new SpanDurationStats(SpanKind.LOAD, 1, 40.0, 40, 40));
  }

  @Test
  void durationStats_otherTenantsSpans_areInvisible() {
    TenantId tenant = fx.tenant();
    store.upsert(fx.tenant(), List.of(fx.span(fx.traceId()).durationMs(10).build()));
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty())).isEmpty();
    store.upsert(tenant, List.of(fx.span(fx.traceId()).open().build()));
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty())).isEmpty();
  }

  @Test
  void durationStats_areOrderedBySpanKindDeclaration() {
    TenantId tenant = fx.tenant();
    List<Span> spans = new ArrayList<>();
    for (SpanKind k :
        List.of(SpanKind.CUSTOM, SpanKind.LOAD, SpanKind.OUTPUT_ENCODE, SpanKind.TEXT_ENCODE)) {
      spans.add(fx.span(fx.traceId()).kind(k).durationMs(10).build());
    }
    store.upsert(tenant, spans);
    assertThat(store.durationStats(tenant, TimeRange.all(), Tags.empty()))
        .extracting(SpanDurationStats::spanKind)
        .containsExactly(
            SpanKind.LOAD, SpanKind.TEXT_ENCODE, SpanKind.OUTPUT_ENCODE, SpanKind.CUSTOM);
  }

  @Test
  void deleteByTraces_removesThoseTracesSpansOfTheTenant_andCountsThem() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    TraceId gone = fx.traceId();
    TraceId kept = fx.traceId();
    Span keptSpan = fx.span(kept).build();
    store.upsert(tenant, List.of(fx.span(gone).build(), fx.span(gone).build(), keptSpan));
    Span othersSpan = fx.span(gone).build();
    store.upsert(other, List.of(othersSpan));
    assertThat(store.deleteByTraces(tenant, List.of(gone, fx.traceId()))).isEqualTo(2);
    assertThat(store.byTrace(tenant, gone)).isEmpty();
    assertThat(store.byTrace(tenant, kept)).containsExactly(keptSpan);
    assertThat(store.byTrace(other, gone)).containsExactly(othersSpan);
    assertThat(store.deleteByTraces(tenant, List.of(gone))).isZero();
  }

  // ---- helpers ----

  /** Equal kind, count, percentiles; average within a micro-millisecond. */
  protected static final Comparator<SpanDurationStats> STATS_COMPARATOR =
      (a, b) -> {
        boolean same =
            a.spanKind() == b.spanKind()
                && a.count() == b.count()
                && a.p95Ms() == b.p95Ms()
                && a.p99Ms() == b.p99Ms()
                && Math.abs(a.avgMs() - b.avgMs()) <= 1e-6 * Math.max(1, Math.abs(b.avgMs()));
        return same ? 0 : 1; // only equality matters to AssertJ here
      };

  /** The naive reference: every ended span, grouped by kind, nearest-rank percentiles. */
  private static List<SpanDurationStats> reference(List<Span> spans) {
    Map<SpanKind, List<Long>> byKind = new EnumMap<>(SpanKind.class);
    for (Span s : spans) {
      s.duration()
          .map(Duration::toMillis)
          .ifPresent(ms -> byKind.computeIfAbsent(s.spanKind(), k -> new ArrayList<>()).add(ms));
    }
    List<SpanDurationStats> out = new ArrayList<>();
    byKind.forEach(
        (kind, ms) ->
            out.add(
                new SpanDurationStats(
                    kind,
                    ms.size(),
                    ms.stream().mapToLong(Long::longValue).average().orElseThrow(),
                    NearestRank.percentile(ms, 0.95),
                    NearestRank.percentile(ms, 0.99))));
    return out;
  }
}
