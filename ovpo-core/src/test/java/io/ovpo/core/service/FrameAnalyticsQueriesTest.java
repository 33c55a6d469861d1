package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The rules of spec 05 §6.4-6.5 around the frame-analytics port. */
class FrameAnalyticsQueriesTest {
  private static final TimeRange DAY0 =
      TimeRange.of(Fixtures.T0.minus(Duration.ofHours(10)), Fixtures.T0.plus(Duration.ofHours(14)));

  private Harness h;
  private FrameAnalyticsQueries queries;
  private Principal viewer;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    queries =
        new FrameAnalyticsQueries(h.memory.traceStore(), h.memory.frameAnalyticsStore(), h.audit);
    viewer = h.principal(Role.VIEWER);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private TraceRecord storeTrace(TenantId tenant) {
    TraceRecord r = h.fx.record(tenant, h.fx.trace().build()).build();
    assertThat(h.memory.traceStore().put(r, 0)).isTrue();
    return r;
  }

  private void storeEvents(TenantId tenant, List<StoredFrameEvent> events) {
    h.memory.frameEventStore().append(tenant, events);
  }

  private List<AuditRecord> queryAudit() {
    return h.memory
        .auditLog()
        .list(
            new AuditQuery(
                h.tenant,
                Optional.of(AuditAction.TRACE_QUERY),
                TimeRange.all(),
                OptionalLong.empty(),
                200));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OvpoException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void seriesRange_ofExactly366Days_isAccepted_andOneMillisecondMore_isInvalidParameter() {
    Instant from = Fixtures.T0;
    Instant to = from.plus(FrameAnalyticsQueries.MAX_RANGE);
    assertThat(
            queries.activity(
                viewer,
                Harness.request(),
                FrameActivityMetric.TRACES,
                BucketWidth.HOUR,
                TimeRange.of(from, to)))
        .isEmpty();
    TimeRange tooLong = TimeRange.of(from, to.plusMillis(1));
    assertCode(
        () ->
            queries.activity(
                viewer, Harness.request(), FrameActivityMetric.TRACES, BucketWidth.DAY, tooLong),
        ErrorCode.INVALID_PARAMETER);
    assertCode(
        () ->
            queries.metricSeries(
                viewer, Harness.request(), FrameMetric.CLIP_SIMILARITY, BucketWidth.DAY, tooLong),
        ErrorCode.INVALID_PARAMETER);
    assertThat(queryAudit()).hasSize(1);
  }

  @Test
  void seriesRange_withAnOpenEnd_isInvalidParameter() {
    TimeRange open = new TimeRange(Optional.of(Fixtures.T0), Optional.empty());
    assertCode(
        () ->
            queries.metricSeries(
                viewer, Harness.request(), FrameMetric.VRAM_USED_MB, BucketWidth.HOUR, open),
        ErrorCode.INVALID_PARAMETER);
  }

  @Test
  void activity_failureRate_isErrorsOverAttempts_countedOverAttemptsOnly() {
    TraceId trace = storeTrace(h.tenant).traceId();
    List<StoredFrameEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(h.fx.event(trace).frame(i).stored());
    }
    events.add(h.fx.event(trace).frame(3).type(EventType.FRAME_ERROR).stored());
    events.add(h.fx.event(trace).frame(4).type(EventType.GPU_SAMPLE).gpu(1_000, 90).stored());
    storeEvents(h.tenant, events);

    List<TimeBucket> rate =
        queries.activity(
            viewer,
            Harness.request(),
            FrameActivityMetric.FRAME_FAILURE_RATE,
            BucketWidth.DAY,
            DAY0);
    assertThat(rate).hasSize(1);
    assertThat(rate.get(0).value()).isEqualTo(0.25);
    assertThat(rate.get(0).count()).isEqualTo(4);
    TimeBucket traces =
        queries
            .activity(viewer, Harness.request(), FrameActivityMetric.TRACES, BucketWidth.DAY, DAY0)
            .get(0);
    assertThat(traces.value()).isEqualTo(1.0);
    assertThat(traces.count()).isEqualTo(5);
  }

  @Test
  void series_isAuditedAsTraceQuery_withTheFiltersAndResultCount() {
    TraceId trace = storeTrace(h.tenant).traceId();
    storeEvents(
        h.tenant,
        List.of(
            h.fx.event(trace).frame(0).metric(QualityMetrics.CLIP_SIMILARITY, 0.3).stored(),
            h.fx.event(trace).frame(1).metric(QualityMetrics.CLIP_SIMILARITY, 0.5).stored()));

    List<FrameMetricBucket> series =
        queries.metricSeries(
            viewer, Harness.request(), FrameMetric.CLIP_SIMILARITY, BucketWidth.HOUR, DAY0);

    assertThat(series).hasSize(1);
    assertThat(series.get(0).count()).isEqualTo(2);
    AuditRecord record = queryAudit().get(0);
    assertThat(record.event().actorId()).isEqualTo(viewer.actorId());
    assertThat(record.event().resourceId()).contains("analytics:frames");
    assertThat(record.event().details())
        .isEqualTo(
            Map.of(
                "metric", "clip_similarity",
                "bucket", "hour",
                "from", DAY0.from().orElseThrow().toString(),
                "to", DAY0.to().orElseThrow().toString(),
                "result_count", "1"));
  }

  @Test
  void timeline_ofAStoredTrace_isAuditedWithTheTraceAsResource() {
    TraceId trace = storeTrace(h.tenant).traceId();
    storeEvents(
        h.tenant,
        List.of(
            h.fx.event(trace).frame(0).stored(),
            h.fx.event(trace).frame(30).gpu(2_000, 80).stored()));

    FrameTimeline timeline = queries.timeline(viewer, Harness.request(), trace, 24);

    assertThat(timeline.traceId()).isEqualTo(trace);
    assertThat(timeline.window()).isEqualTo(24);
    assertThat(timeline.frameEventsExpired()).isFalse();
    assertThat(timeline.points()).extracting(p -> p.firstFrame()).containsExactly(0L, 24L);
    AuditRecord record = queryAudit().get(0);
    assertThat(record.event().resourceId()).contains("trace:" + trace.value());
    assertThat(record.event().details()).isEqualTo(Map.of("window", "24", "result_count", "2"));
  }

  @Test
  void timeline_ofAnUnknownOrOtherTenantsTrace_isNotFound_andNotAudited() {
    TenantId other = h.fx.tenant();
    TraceId theirs = storeTrace(other).traceId();
    storeEvents(other, List.of(h.fx.event(theirs).frame(0).stored()));
    TraceId orphan = h.fx.traceId();
    // Events of a trace that never arrived are orphans: invisible, like the trace.
    storeEvents(h.tenant, List.of(h.fx.event(orphan).frame(0).stored()));

    for (TraceId id : List.of(h.fx.traceId(), theirs, orphan)) {
      assertCode(() -> queries.timeline(viewer, Harness.request(), id, 10), ErrorCode.NOT_FOUND);
    }
    assertThat(queryAudit()).isEmpty();
  }

  @Test
  void timeline_windowOutOfRange_isInvalidParameter_beforeTheTraceIsLookedUp() {
    TraceId stored = storeTrace(h.tenant).traceId();
    for (int window : new int[] {0, -1, FrameAnalyticsQueries.MAX_WINDOW + 1}) {
      assertCode(
          () -> queries.timeline(viewer, Harness.request(), stored, window),
          ErrorCode.INVALID_PARAMETER);
      assertCode(
          () -> queries.timeline(viewer, Harness.request(), h.fx.traceId(), window),
          ErrorCode.INVALID_PARAMETER);
    }
    assertThat(queries.timeline(viewer, Harness.request(), stored, 100_000).points()).isEmpty();
  }

  @Test
  void timeline_ofATraceWhoseEventsExpired_saysSo() {
    TraceRecord r =
        h.fx.record(h.tenant, h.fx.trace().build()).framesExpired(FrameEventStats.empty()).build();
    assertThat(h.memory.traceStore().put(r, 0)).isTrue();

    FrameTimeline timeline = queries.timeline(viewer, Harness.request(), r.traceId(), 5);

    assertThat(timeline.frameEventsExpired()).isTrue();
    assertThat(timeline.points()).isEmpty();
  }
}
