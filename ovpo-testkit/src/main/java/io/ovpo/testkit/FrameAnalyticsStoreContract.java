package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link FrameAnalyticsStore}: timelines, activity and metric series equal a naive
 * computation over the stored events ({@link FrameAnalyticsReference}), each event counted once,
 * scoped to the tenant, gone with its trace. Implement {@link #newStore()} and {@link
 * #eventStore()}, the {@link FrameEventStore} whose events the analytics store reads. Means and
 * percentiles are compared to within 1e-9 relative, so a store that parses decimal text to within
 * an ulp passes; counts are exact.
 */
public abstract class FrameAnalyticsStoreContract<A extends FrameAnalyticsStore>
    extends StoreContract<A> {
  private static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");

  /** The event store feeding {@link #store}; called after {@link #newStore()}. */
  protected abstract FrameEventStore eventStore();

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void timeline_noEvents_isEmpty() {
    assertThat(store.timeline(fx.tenant(), fx.traceId(), 10)).isEmpty();
  }

  @Test
  void timeline_matchesNaiveReference() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = randomEvents(trace, 400, 300, Duration.ofMinutes(10));
    append(tenant, events);
    append(tenant, events.subList(0, 100)); // a redelivery changes nothing
    append(fx.tenant(), randomEvents(trace, 20, 300, Duration.ofMinutes(1)));
    append(tenant, randomEvents(fx.traceId(), 20, 300, Duration.ofMinutes(1)));
    for (int window : new int[] {1, 7, 25, 1_000}) {
      assertTimeline(
          store.timeline(tenant, trace, window), FrameAnalyticsReference.timeline(events, window));
    }
  }

  @Test
  void timeline_windowsStartAtMultiplesOfTheWindow() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    append(tenant, List.of(fx.event(trace).frame(3).stored(), fx.event(trace).frame(12).stored()));
    List<FrameTimelinePoint> points = store.timeline(tenant, trace, 5);
    assertThat(points).extracting(FrameTimelinePoint::firstFrame).containsExactly(0L, 10L);
    assertThat(points.get(0).eventsByType()).isEqualTo(Map.of(EventType.FRAME_GENERATED, 1L));
    assertThat(points.get(0).averages()).isEmpty();
    assertThat(points.get(0).peakVramMb()).isEmpty();
  }

  @Test
  void timeline_rejectsAWindowOutOfRange() {
    assertThatThrownBy(() -> store.timeline(fx.tenant(), fx.traceId(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.timeline(fx.tenant(), fx.traceId(), 100_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void activity_matchesNaiveReference_hourlyAndDaily() {
    TenantId tenant = fx.tenant();
    List<StoredFrameEvent> all = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      List<StoredFrameEvent> events =
          randomEvents(fx.traceId(), 150, 200, Duration.ofHours(60)).stream()
              .map(e -> shift(e, Duration.ofHours(-72)))
              .toList();
      append(tenant, events);
      all.addAll(events);
    }
    append(fx.tenant(), randomEvents(fx.traceId(), 50, 50, Duration.ofHours(10)));
    // crosses the month boundary (2026-03-01), so more than one partition of a store answers
    TimeRange range =
        TimeRange.of(DAY0.minus(Duration.ofHours(40)), DAY0.plus(Duration.ofHours(9)));
    for (BucketWidth bucket : BucketWidth.values()) {
      assertThat(store.activity(tenant, bucket, range))
          .isEqualTo(FrameAnalyticsReference.activity(all, bucket, range));
      assertThat(store.activity(tenant, bucket, TimeRange.all()))
          .isEqualTo(FrameAnalyticsReference.activity(all, bucket, TimeRange.all()));
    }
  }

  @Test
  void activity_rangeIsHalfOpen_andCountsFailures() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Instant from = DAY0.plus(Duration.ofHours(5));
    Instant to = from.plus(Duration.ofHours(1));
    append(
        tenant,
        List.of(
            fx.event(trace).frame(0).observedAt(from).stored(),
            fx.event(trace).frame(1).type(EventType.FRAME_ERROR).observedAt(from).stored(),
            fx.event(trace).frame(2).observedAt(to.minusMillis(1)).stored(),
            fx.event(trace).frame(3).observedAt(to).stored(),
            fx.event(trace).frame(4).observedAt(from.minusMillis(1)).stored()));
    List<FrameActivityBucket> buckets =
        store.activity(tenant, BucketWidth.HOUR, TimeRange.of(from, to));
    assertThat(buckets).containsExactly(new FrameActivityBucket(from, 1, 2, 0, 1, 0));
    assertThat(buckets.get(0).failureRate()).isEqualTo(1.0 / 3);
  }

  @Test
  void activity_otherTenant_isEmpty() {
    TenantId tenant = fx.tenant();
    append(tenant, randomEvents(fx.traceId(), 30, 30, Duration.ofHours(1)));
    assertThat(store.activity(fx.tenant(), BucketWidth.DAY, TimeRange.all())).isEmpty();
  }

  @Test
  void metricSeries_matchesNaiveReference_forEveryMetric() {
    TenantId tenant = fx.tenant();
    List<StoredFrameEvent> all = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<StoredFrameEvent> events = randomEvents(fx.traceId(), 250, 250, Duration.ofHours(30));
      append(tenant, events);
      all.addAll(events);
    }
    append(fx.tenant(), randomEvents(fx.traceId(), 50, 50, Duration.ofHours(10)));
    TimeRange range =
        TimeRange.of(DAY0.plus(Duration.ofHours(11)), DAY0.plus(Duration.ofHours(30)));
    for (FrameMetric metric : FrameMetric.values()) {
      for (BucketWidth bucket : BucketWidth.values()) {
        assertSeries(
            store.metricSeries(tenant, metric, bucket, range),
            FrameAnalyticsReference.metricSeries(all, metric, bucket, range));
      }
    }
  }

  @Test
  void metricSeries_percentilesAreNearestRank() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      events.add(
          fx.event(trace)
              .frame(i)
              .observedAt(DAY0.plusSeconds(i))
              .metric(QualityMetrics.AESTHETIC_SCORE, (21 - i) / 2.0)
              .stored());
    }
    events.add(fx.event(trace).frame(21).observedAt(DAY0.plusSeconds(30)).stored());
    append(tenant, events);
    assertSeries(
        store.metricSeries(tenant, FrameMetric.AESTHETIC_SCORE, BucketWidth.DAY, TimeRange.all()),
        List.of(new FrameMetricBucket(DAY0, 20, 5.25, 9.5, 10.0)));
    assertThat(
            store.metricSeries(
                tenant, FrameMetric.CLIP_SIMILARITY, BucketWidth.DAY, TimeRange.all()))
        .isEmpty();
  }

  @Test
  void deletedTraces_leaveEveryAggregate() {
    TenantId tenant = fx.tenant();
    TraceId gone = fx.traceId();
    TraceId kept = fx.traceId();
    List<StoredFrameEvent> goneEvents = randomEvents(gone, 80, 80, Duration.ofHours(3));
    List<StoredFrameEvent> keptEvents = randomEvents(kept, 80, 80, Duration.ofHours(3));
    append(tenant, goneEvents);
    append(tenant, keptEvents);
    eventStore().deleteByTraces(tenant, List.of(gone));
    assertThat(store.timeline(tenant, gone, 10)).isEmpty();
    assertTimeline(
        store.timeline(tenant, kept, 10), FrameAnalyticsReference.timeline(keptEvents, 10));
    assertThat(store.activity(tenant, BucketWidth.HOUR, TimeRange.all()))
        .isEqualTo(FrameAnalyticsReference.activity(keptEvents, BucketWidth.HOUR, TimeRange.all()));
    assertSeries(
        store.metricSeries(tenant, FrameMetric.VRAM_USED_MB, BucketWidth.HOUR, TimeRange.all()),
        FrameAnalyticsReference.metricSeries(
            keptEvents, FrameMetric.VRAM_USED_MB, BucketWidth.HOUR, TimeRange.all()));
  }

  /**
   * Two tenants with the same trace id over the same hours: each aggregate holds only the asking
   * tenant's events (the other isolation cases use different trace ids).
   */
  @Test
  void tenantsSharingATraceId_seeOnlyTheirOwnEvents() {
    TenantId a = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> ofA = randomEvents(trace, 60, 40, Duration.ofHours(2));
    append(a, ofA);
    append(fx.tenant(), randomEvents(trace, 90, 40, Duration.ofHours(2)));
    double[] vramOfA =
        ofA.stream()
            .map(e -> FrameMetric.VRAM_USED_MB.of(e.event()))
            .filter(OptionalDouble::isPresent)
            .mapToDouble(OptionalDouble::getAsDouble)
            .toArray();

    List<FrameTimelinePoint> timeline = store.timeline(a, trace, 10);
    assertThat(timeline.stream().mapToLong(FrameTimelinePoint::eventCount).sum()).isEqualTo(60);
    List<FrameActivityBucket> activity = store.activity(a, BucketWidth.DAY, TimeRange.all());
    assertThat(activity).extracting(FrameActivityBucket::traces).containsOnly(1L);
    assertThat(
            activity.stream()
                .mapToLong(
                    x -> x.framesGenerated() + x.framesDecoded() + x.frameErrors() + x.gpuSamples())
                .sum())
        .isEqualTo(60);
    List<FrameMetricBucket> vram =
        store.metricSeries(a, FrameMetric.VRAM_USED_MB, BucketWidth.DAY, TimeRange.all());
    assertThat(vram.stream().mapToLong(FrameMetricBucket::count).sum()).isEqualTo(vramOfA.length);
    assertThat(
            timeline.stream()
                .map(FrameTimelinePoint::peakVramMb)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .max())
        .isEqualTo(Arrays.stream(vramOfA).max());
  }

  // ---- helpers ----

  /** Appends in slices, like the processor does, through the feeding event store. */
  protected final void append(TenantId tenant, List<StoredFrameEvent> events) {
    for (int from = 0; from < events.size(); from += 97) {
      eventStore().append(tenant, events.subList(from, Math.min(events.size(), from + 97)));
    }
  }

  /**
   * {@code n} events of random type and frame below {@code frames}, observed over {@code span} from
   * {@link Fixtures#T0}, a third with quality metrics and a third with a GPU sample.
   */
  protected final List<StoredFrameEvent> randomEvents(
      TraceId trace, int n, int frames, Duration span) {
    List<StoredFrameEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FrameEventBuilder b =
          fx.event(trace)
              .type(EventType.values()[fx.random().nextInt(EventType.values().length)])
              .frame(fx.random().nextInt(frames))
              .observedAt(
                  Fixtures.T0.plusMillis((long) (fx.random().nextDouble() * span.toMillis())));
      if (fx.random().nextInt(3) == 0) {
        b.metric(QualityMetrics.CLIP_SIMILARITY, fx.random().nextDouble() * 2 - 1)
            .metric(QualityMetrics.AESTHETIC_SCORE, fx.random().nextDouble() * 10);
        if (fx.random().nextBoolean()) {
          b.metric(QualityMetrics.TEMPORAL_CONSISTENCY, fx.random().nextDouble());
        }
      }
      if (fx.random().nextInt(3) == 0) {
        OptionalDouble temperature =
            fx.random().nextBoolean()
                ? OptionalDouble.of(30 + fx.random().nextDouble() * 60)
                : OptionalDouble.empty();
        b.gpu(
            fx.random().nextInt(80_000) + fx.random().nextDouble(),
            fx.random().nextDouble() * 100,
            temperature);
      }
      out.add(b.stored());
    }
    return out;
  }

  private static StoredFrameEvent shift(StoredFrameEvent s, Duration by) {
    var e = s.event();
    return new StoredFrameEvent(
        new io.ovpo.ports.model.FrameEvent(
            e.eventId(),
            e.traceId(),
            e.spanId(),
            e.eventType(),
            e.frameIndex(),
            e.mediaTimeMs(),
            e.observedAt().plus(by),
            e.qualityMetrics(),
            e.gpu(),
            e.thumbnail(),
            e.attributes()),
        s.receivedAt().plus(by));
  }

  private static void assertTimeline(
      List<FrameTimelinePoint> actual, List<FrameTimelinePoint> expected) {
    assertThat(actual)
        .extracting(FrameTimelinePoint::firstFrame)
        .containsExactlyElementsOf(expected.stream().map(FrameTimelinePoint::firstFrame).toList());
    for (int i = 0; i < expected.size(); i++) {
      FrameTimelinePoint a = actual.get(i);
      FrameTimelinePoint e = expected.get(i);
      String at = "window at frame " + e.firstFrame();
      assertThat(a.eventsByType()).as(at).isEqualTo(e.eventsByType());
      assertThat(a.firstObservedAt()).as(at).isEqualTo(e.firstObservedAt());
      assertThat(a.lastObservedAt()).as(at).isEqualTo(e.lastObservedAt());
      assertThat(a.averages().keySet()).as(at).isEqualTo(e.averages().keySet());
      e.averages().forEach((m, v) -> assertClose(at + " " + m, a.averages().get(m), v));
      assertThat(a.peakVramMb().isPresent()).as(at).isEqualTo(e.peakVramMb().isPresent());
      e.peakVramMb().ifPresent(v -> assertClose(at + " peak", a.peakVramMb().getAsDouble(), v));
    }
  }

  private static void assertSeries(
      List<FrameMetricBucket> actual, List<FrameMetricBucket> expected) {
    assertThat(actual)
        .extracting(FrameMetricBucket::start)
        .containsExactlyElementsOf(expected.stream().map(FrameMetricBucket::start).toList());
    for (int i = 0; i < expected.size(); i++) {
      FrameMetricBucket a = actual.get(i);
      FrameMetricBucket e = expected.get(i);
      String at = "bucket " + e.start();
      assertThat(a.count()).as(at).isEqualTo(e.count());
      assertClose(at + " avg", a.avg(), e.avg());
      assertClose(at + " p95", a.p95(), e.p95());
      assertClose(at + " p99", a.p99(), e.p99());
    }
  }

  private static void assertClose(String what, double actual, double expected) {
    assertThat(Math.abs(actual - expected))
        .as(what + ": " + actual + " vs " + expected)
        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
  }
}
