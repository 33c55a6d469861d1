package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class QueryServiceTest {
  private static final Comparator<TraceRecord> NEWEST_FIRST =
      Comparator.<TraceRecord, Instant>comparing(r -> r.trace().createdAt())
          .thenComparing(TraceRecord::traceId)
          .reversed();

  private Harness h;
  private Principal viewer;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    viewer = h.principal(Role.VIEWER);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private TraceRecord store(TenantId tenant, Instant createdAt) {
    TraceRecord r = h.fx.record(tenant, h.fx.trace().createdAt(createdAt).build()).build();
    assertThat(h.memory.traceStore().put(r, 0)).isTrue();
    return r;
  }

  private static TraceListRequest page(int limit, Optional<String> cursor) {
    return new TraceListRequest(Set.of(), TimeRange.all(), Tags.empty(), limit, cursor);
  }

  private List<AuditRecord> audit(AuditAction action) {
    return h.memory
        .auditLog()
        .list(
            new AuditQuery(
                h.tenant, Optional.of(action), TimeRange.all(), OptionalLong.empty(), 200));
  }

  @Test
  void listWalk_hasNoGapsOrDuplicates_whileNewTracesArrive() {
    List<TraceRecord> original = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Three traces share each timestamp, so the trace_id tie-break matters.
      original.add(store(h.tenant, Fixtures.T0.plusSeconds(i / 3)));
    }
    List<TraceRecord> arrivedBehind = new ArrayList<>();
    List<TraceRecord> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      TraceListResult result = h.query.list(viewer, Harness.request(), page(7, cursor));
      seen.addAll(result.data());
      cursor = result.nextCursor();
      pages++;
      store(h.tenant, Fixtures.T0.plusSeconds(3600 + pages)); // newer: ahead of the walk
      arrivedBehind.add(store(h.tenant, Fixtures.T0.minusSeconds(pages))); // older: still ahead
    } while (cursor.isPresent());

    List<TraceRecord> expected = new ArrayList<>(original);
    expected.addAll(arrivedBehind.subList(0, arrivedBehind.size() - 1));
    expected.sort(NEWEST_FIRST);
    assertThat(seen.stream().map(TraceRecord::traceId))
        .doesNotHaveDuplicates()
        .containsAll(original.stream().map(TraceRecord::traceId).toList());
    assertThat(seen).isSortedAccordingTo(NEWEST_FIRST);
    assertThat(seen.subList(0, 25)).containsExactlyElementsOf(expected.subList(0, 25));
  }

  @Test
  void lastPage_hasNoCursor_andHasMoreIsFalse() {
    store(h.tenant, Fixtures.T0);
    store(h.tenant, Fixtures.T0.plusSeconds(1));

    TraceListResult all = h.query.list(viewer, Harness.request(), page(2, Optional.empty()));

    assertThat(all.data()).hasSize(2);
    assertThat(all.hasMore()).isFalse();
    assertThat(all.nextCursor()).isEmpty();
  }

  @Test
  void forgedCursor_isInvalidCursor() {
    store(h.tenant, Fixtures.T0);
    String good =
        h.query
            .list(viewer, Harness.request(), page(1, Optional.empty()))
            .nextCursor()
            .orElse("x.y");
    for (String forged : List.of("not-a-cursor", good + "x", "eyJ9." + good)) {
      assertThatThrownBy(
              () -> h.query.list(viewer, Harness.request(), page(5, Optional.of(forged))))
          .isInstanceOfSatisfying(
              OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    }
  }

  @Test
  void cursorsOfOneTenant_areInvalidCursorForAnother() {
    TenantId other = h.fx.tenant();
    Principal otherViewer = h.principal(other, Role.VIEWER);
    TraceRecord trace = store(h.tenant, Fixtures.T0);
    store(h.tenant, Fixtures.T0.plusSeconds(1));
    store(other, Fixtures.T0);
    store(other, Fixtures.T0.plusSeconds(1));
    h.memory
        .frameEventStore()
        .append(
            h.tenant,
            List.of(
                h.fx.event(trace.traceId()).frame(0).stored(),
                h.fx.event(trace.traceId()).frame(1).stored()));
    String listCursor =
        h.query
            .list(viewer, Harness.request(), page(1, Optional.empty()))
            .nextCursor()
            .orElseThrow();
    String eventsCursor =
        h.query
            .get(viewer, Harness.request(), trace.traceId(), new EventsRequest(1, Optional.empty()))
            .nextEventsCursor()
            .orElseThrow();

    assertThatThrownBy(
            () -> h.query.list(otherViewer, Harness.request(), page(1, Optional.of(listCursor))))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    // Refused before the trace is looked up, whatever the other tenant holds under that id.
    assertThatThrownBy(
            () ->
                h.query.get(
                    otherViewer,
                    Harness.request(),
                    trace.traceId(),
                    new EventsRequest(1, Optional.of(eventsCursor))))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    assertThat(h.query.list(viewer, Harness.request(), page(1, Optional.of(listCursor))).data())
        .hasSize(1);
  }

  @Test
  void list_onlySeesTheCallersTenant_andIsAuditedAsTraceQuery() {
    store(h.tenant, Fixtures.T0);
    TenantId other = h.fx.tenant();
    store(other, Fixtures.T0);

    TraceListResult mine = h.query.list(viewer, Harness.request(), page(50, Optional.empty()));

    assertThat(mine.data()).allSatisfy(r -> assertThat(r.tenantId()).isEqualTo(h.tenant));
    assertThat(mine.data()).hasSize(1);
    List<AuditRecord> records = audit(AuditAction.TRACE_QUERY);
    assertThat(records).hasSize(1);
    var event = records.get(0).event();
    assertThat(event.actorId()).isEqualTo(viewer.actorId());
    assertThat(event.actorIp()).contains("203.0.113.7");
    assertThat(event.userAgent()).contains("ovpo-cli/0.8");
    assertThat(event.details()).containsEntry("limit", "50").containsEntry("result_count", "1");
  }

  @Test
  void traceQuery_isRecordedOnTraces_withTheTagKeysButNeverTheirValues() {
    store(h.tenant, Fixtures.T0);
    TraceListRequest filtered =
        new TraceListRequest(
            Set.of(TraceStatus.RUNNING),
            TimeRange.all(),
            Tags.of(Map.of("team", "secret-team-value", "env", "secret-env-value")),
            20,
            Optional.empty());

    h.query.list(viewer, Harness.request(), filtered);

    var event = audit(AuditAction.TRACE_QUERY).get(0).event();
    assertThat(event.resourceId()).contains("traces");
    assertThat(event.details())
        .containsEntry("tag", "env,team")
        .containsEntry("status", "RUNNING")
        .containsEntry("limit", "20")
        .containsKey("result_count");
    assertThat(event.details().toString()).doesNotContain("secret-");
  }

  @Test
  void get_returnsSpansEventsArtifactsAndSummary_andPagesEventsWithACursor() {
    TraceRecord r = store(h.tenant, Fixtures.T0);
    TraceId t = r.traceId();
    Span late = h.fx.span(t).kind(SpanKind.DECODE).start(Fixtures.T0.plusSeconds(5)).build();
    Span early = h.fx.span(t).kind(SpanKind.SAMPLING).start(Fixtures.T0.plusSeconds(1)).build();
    h.memory.spanStore().upsert(h.tenant, List.of(late, early));
    List<StoredFrameEvent> events =
        IntStream.range(0, 5).mapToObj(i -> h.fx.event(t).frame(4 - i).stored()).toList();
    h.memory.frameEventStore().append(h.tenant, events);
    ArtifactManifest m1 =
        h.fx.manifest(t).artifact(ArtifactKind.VIDEO).artifact(ArtifactKind.LOG).build();
    ArtifactManifest m2 = h.fx.manifest(t).artifact(ArtifactKind.THUMBNAIL).build();
    h.memory.artifactStore().putManifest(h.tenant, m1, Fixtures.T0);
    h.memory.artifactStore().putManifest(h.tenant, m2, Fixtures.T0);

    List<StoredFrameEvent> walked = new ArrayList<>();
    TraceDetail detail =
        h.query.get(viewer, Harness.request(), t, new EventsRequest(2, Optional.empty()));
    walked.addAll(detail.frameEvents());
    TraceDetail next = detail;
    while (next.nextEventsCursor().isPresent()) {
      next =
          h.query.get(viewer, Harness.request(), t, new EventsRequest(2, next.nextEventsCursor()));
      walked.addAll(next.frameEvents());
    }

    assertThat(detail.trace()).isEqualTo(r);
    assertThat(detail.spans()).containsExactly(early, late);
    assertThat(walked).extracting(e -> e.event().frameIndex()).containsExactly(0L, 1L, 2L, 3L, 4L);
    List<ArtifactRef> all = new ArrayList<>(m1.artifacts());
    all.addAll(m2.artifacts());
    assertThat(detail.artifacts())
        .extracting(StoredArtifact::artifact)
        .containsExactlyElementsOf(all);
    assertThat(detail.artifacts())
        .extracting(StoredArtifact::manifestId)
        .containsExactly(m1.manifestId(), m1.manifestId(), m2.manifestId());
    assertThat(detail.summary().frameCount()).isEqualTo(5);
    assertThat(detail.summary().spanBreakdownPct())
        .containsKeys(SpanKind.SAMPLING, SpanKind.DECODE);
    List<AuditRecord> access = audit(AuditAction.TRACE_ACCESS);
    assertThat(access).hasSize(3);
    assertThat(access)
        .allSatisfy(a -> assertThat(a.event().resourceId()).contains("trace:" + t.value()));
    assertThat(access)
        .extracting(a -> a.event().details().get("events_page"))
        .containsExactly("next", "next", "first"); // newest first
  }

  @Test
  void anArtifactListedByTwoManifests_appearsOnce_withTheFirstManifest() {
    TraceRecord r = store(h.tenant, Fixtures.T0);
    TraceId t = r.traceId();
    ArtifactManifest first =
        h.fx.manifest(t).artifact(ArtifactKind.VIDEO).artifact(ArtifactKind.LOG).build();
    ArtifactRef video = first.artifacts().get(0);
    ArtifactManifest second =
        h.fx.manifest(t).artifact(ArtifactKind.THUMBNAIL).artifact(video).build();
    h.memory.artifactStore().putManifest(h.tenant, first, Fixtures.T0);
    h.memory.artifactStore().putManifest(h.tenant, second, Fixtures.T0.plusSeconds(1));

    TraceDetail detail = h.query.get(viewer, Harness.request(), t, EventsRequest.firstPage());

    assertThat(detail.artifacts())
        .containsExactly(
            new StoredArtifact(first.manifestId(), video),
            new StoredArtifact(first.manifestId(), first.artifacts().get(1)),
            new StoredArtifact(second.manifestId(), second.artifacts().get(0)));
  }

  @Test
  void anotherTenantsTrace_isNotFound_likeAMissingOne() {
    TraceRecord theirs = store(h.fx.tenant(), Fixtures.T0);

    for (TraceId id : List.of(theirs.traceId(), h.fx.traceId())) {
      assertThatThrownBy(
              () -> h.query.get(viewer, Harness.request(), id, EventsRequest.firstPage()))
          .isInstanceOfSatisfying(
              OvpoException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("trace not found");
              });
    }
    assertThat(audit(AuditAction.TRACE_ACCESS)).isEmpty();
  }

  @Test
  void anEventsCursorOfAnotherTrace_isInvalidCursor() {
    TraceRecord a = store(h.tenant, Fixtures.T0);
    TraceRecord b = store(h.tenant, Fixtures.T0);
    h.memory
        .frameEventStore()
        .append(
            h.tenant,
            List.of(
                h.fx.event(a.traceId()).frame(0).stored(),
                h.fx.event(a.traceId()).frame(1).stored()));
    String cursorOfA =
        h.query
            .get(viewer, Harness.request(), a.traceId(), new EventsRequest(1, Optional.empty()))
            .nextEventsCursor()
            .orElseThrow();

    assertThatThrownBy(
            () ->
                h.query.get(
                    viewer,
                    Harness.request(),
                    b.traceId(),
                    new EventsRequest(1, Optional.of(cursorOfA))))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  @Test
  void costs_useTheStoredFigure_computeRunningTraces_andListUnknownIds() {
    TraceRecord done =
        h.fx
            .record(h.tenant, h.fx.trace().status(TraceStatus.COMPLETED).build())
            .cost(12.5)
            .build();
    h.memory.traceStore().put(done, 0);
    TraceRecord running = store(h.tenant, Fixtures.T0);
    h.memory
        .spanStore()
        .upsert(h.tenant, List.of(h.fx.span(running.traceId()).durationMs(10_000).build()));
    TraceId unknown = h.fx.traceId();

    CostReport report =
        h.query.costs(viewer, List.of(done.traceId(), running.traceId(), unknown, done.traceId()));

    assertThat(report.traces().get(done.traceId())).isEqualTo(done.cost().orElseThrow());
    assertThat(report.traces().get(running.traceId()).computeUnits()).isGreaterThan(0);
    assertThat(report.traces().get(running.traceId()).profileName()).isEqualTo("default");
    assertThat(report.notFound()).containsExactly(unknown);
  }

  @Test
  void costs_needOneToOneHundredIds() {
    List<TraceId> tooMany = new ArrayList<>();
    Set<TraceId> distinct = new HashSet<>();
    while (distinct.size() < 101) {
      TraceId id = h.fx.traceId();
      distinct.add(id);
      tooMany.add(id);
    }
    for (List<TraceId> ids : List.of(List.<TraceId>of(), tooMany)) {
      assertThatThrownBy(() -> h.query.costs(viewer, ids))
          .isInstanceOfSatisfying(
              OvpoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
  }

  @Test
  void bottlenecks_reportPerSpanKind_forTheCallersTenantOnly() {
    TraceRecord r = store(h.tenant, Fixtures.T0);
    h.memory
        .spanStore()
        .upsert(
            h.tenant,
            List.of(h.fx.span(r.traceId()).kind(SpanKind.DECODE).durationMs(300).build()));
    TraceRecord theirs = store(h.fx.tenant(), Fixtures.T0);
    h.memory
        .spanStore()
        .upsert(
            theirs.tenantId(), List.of(h.fx.span(theirs.traceId()).kind(SpanKind.LOAD).build()));

    var stats = h.query.bottlenecks(viewer, TimeRange.all(), Tags.empty());

    assertThat(stats)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.spanKind()).isEqualTo(SpanKind.DECODE);
              assertThat(s.p95Ms()).isEqualTo(300);
            });
  }
}
