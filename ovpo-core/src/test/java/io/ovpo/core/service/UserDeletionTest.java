package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * User deletion and the deleted-trace set (spec 08 §5 and §6), end to end through the processor,
 * the deletion and the query service over the in-memory stores.
 */
class UserDeletionTest {
  private Harness h;
  private Principal admin;
  private String user;

  private void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    admin = h.principal(Role.ADMIN);
    user = h.fx.hex64();
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** The items of a finished trace of {@code userIdHash}, with a managed artifact object. */
  private List<IngestItem> traceItems(TraceId id, String userIdHash, boolean held) {
    List<IngestItem> items = new ArrayList<>();
    items.add(
        new IngestItem.TraceItem(
            h.fx
                .trace()
                .id(id)
                .userIdHash(userIdHash)
                .legalHold(held)
                .status(TraceStatus.COMPLETED)
                .expectedFrames(2)
                .ran(Duration.ofSeconds(1), 10_000)
                .build()));
    items.add(new IngestItem.SpanItem(h.fx.span(id).build()));
    items.add(new IngestItem.FrameEventItem(h.fx.event(id).frame(0).build()));
    items.add(new IngestItem.FrameEventItem(h.fx.event(id).frame(1).build()));
    ArtifactRef video =
        new ArtifactRef(
            h.fx.artifactId(),
            ArtifactKind.VIDEO,
            "ovpo://videos/" + id,
            "video/mp4",
            3,
            Optional.empty(),
            OptionalInt.empty());
    h.memory.objectStore().put(new StoredObject("videos/" + id, new byte[] {1, 2, 3}, "video/mp4"));
    items.add(
        new IngestItem.ManifestItem(new ArtifactManifest(h.fx.manifestId(), id, List.of(video))));
    return items;
  }

  private TraceId ingest(String userIdHash, boolean held) {
    TraceId id = h.fx.traceId();
    h.process(traceItems(id, userIdHash, held).toArray(IngestItem[]::new));
    return id;
  }

  private boolean anythingOf(TraceId id) {
    return h.memory.traceStore().get(h.tenant, id).isPresent()
        || !h.memory.spanStore().byTrace(h.tenant, id).isEmpty()
        || h.memory.frameEventStore().stats(h.tenant, id).eventCount() > 0
        || !h.memory.artifactStore().byTrace(h.tenant, id).isEmpty()
        || h.memory.objectStore().get("videos/" + id).isPresent();
  }

  private Tombstone request() {
    return h.retention.requestDeletion(admin, Harness.request(), h.tenant, user, Optional.empty());
  }

  private Tombstone tombstone(DeletionId id) {
    return h.retention.deletion(admin, id);
  }

  private List<AuditRecord> deleteRecords() {
    return h.memory
        .auditLog()
        .list(
            new AuditQuery(
                h.tenant,
                Optional.of(AuditAction.TRACE_DELETE),
                TimeRange.all(),
                OptionalLong.empty(),
                50));
  }

  @Test
  void request_countsTheUsersTraces_savesARunningTombstone_andAuditsBeforeDeletingAnything(
      TestInfo info) {
    start(info);
    TraceId a = ingest(user, false);
    TraceId b = ingest(user, false);
    ingest(user, true);
    TraceId someoneElse = ingest(h.fx.hex64(), false);

    Tombstone t = request();

    assertThat(t.traceCount()).isEqualTo(2);
    assertThat(t.heldCount()).isEqualTo(1);
    assertThat(t.state()).isEqualTo(DeletionState.RUNNING);
    assertThat(t.userIdHash()).contains(user);
    assertThat(t.reason()).isEqualTo("user deletion request");
    assertThat(t.deletedBy()).isEqualTo(admin.actorId());
    assertThat(tombstone(t.deletionId())).isEqualTo(t);
    assertThat(anythingOf(a)).isTrue();
    assertThat(anythingOf(b)).isTrue();
    AuditRecord record = deleteRecords().get(0);
    assertThat(record.event().resourceId()).contains("deletion:" + t.deletionId());
    assertThat(record.event().details())
        .isEqualTo(
            Map.of("reason", "user deletion request", "trace_count", "2", "held_count", "1"));
    assertThat(anythingOf(someoneElse)).isTrue();
  }

  @Test
  void deletion_erasesEveryStoreExceptHeldTraces_thenCompletes(TestInfo info) {
    start(info);
    List<TraceId> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(ingest(user, false));
    }
    TraceId held = ingest(user, true);
    TraceId someoneElse = ingest(h.fx.hex64(), false);
    Tombstone t = request();

    int deleted = h.retention.continueDeletions(1000);

    assertThat(deleted).isEqualTo(5);
    for (TraceId id : mine) {
      assertThat(anythingOf(id)).as("data of %s", id).isFalse();
      assertThatThrownBy(
              () ->
                  h.query.get(
                      h.principal(Role.VIEWER), Harness.request(), id, EventsRequest.firstPage()))
          .isInstanceOfSatisfying(
              OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
    assertThat(anythingOf(held)).isTrue();
    assertThat(h.memory.objectStore().get("videos/" + held)).isPresent();
    assertThat(anythingOf(someoneElse)).isTrue();
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, mine))
        .containsExactlyInAnyOrderElementsOf(mine);
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, List.of(held))).isEmpty();
  }

  @Test
  void lateRedelivery_ofADeletedTrace_neverResurrectsIt(TestInfo info) {
    start(info);
    TraceId id = h.fx.traceId();
    List<IngestItem> items = traceItems(id, user, false);
    h.process(items.toArray(IngestItem[]::new));
    request();
    h.retention.continueDeletions(1000);

    // Redelivered long after the dedupe window, and a brand-new span of the same trace.
    h.clock.advance(Duration.ofDays(3));
    ProcessingResult redelivered = h.process(items.toArray(IngestItem[]::new));
    ProcessingResult newSpan = h.process(new IngestItem.SpanItem(h.fx.span(id).build()));

    assertThat(redelivered.ignored()).isEqualTo(items.size());
    assertThat(newSpan.ignored()).isEqualTo(1);
    assertThat(anythingOf(id)).isFalse();
    assertThat(h.processor.reconcileDue(100)).isZero();
  }

  @Test
  void itemWrittenWhileTheDeletionRuns_isErasedByTheProcessor(TestInfo info) {
    start(info);
    TraceId id = ingest(user, false);
    Tombstone t = request();
    // The span below passes the processor's first deleted-trace check; the deletion then marks
    // and erases the trace before the span's write lands, as a concurrent worker would.
    AtomicBoolean raced = new AtomicBoolean();
    SpanStore racing =
        new DelegatingSpanStore(h.memory.spanStore()) {
          @Override
          public void upsert(TenantId tenant, List<Span> spans) {
            if (raced.compareAndSet(false, true)) {
              h.retention.continueDeletions(1000);
            }
            super.upsert(tenant, spans);
          }
        };
    ProcessorService processor =
        new ProcessorService(
            h.memory.traceStore(),
            racing,
            h.memory.frameEventStore(),
            h.memory.artifactStore(),
            h.memory.dedupeStore(),
            h.memory.tombstoneStore(),
            h.memory.reconciliationStore(),
            h.memory.tenantStore(),
            HardwareProfiles.defaultsOnly(),
            h.codec,
            h.clock,
            h.metrics,
            ProcessorSettings.DEFAULT,
            TraceViewCache.none());

    processor.process(h.envelope(new IngestItem.SpanItem(h.fx.span(id).build())));

    assertThat(raced).isTrue();
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
    assertThat(anythingOf(id)).isFalse();
    assertThat(h.metrics.count("deleted_trace_items_total")).isPositive();
  }

  @Test
  void traceIngestedAfterTheRequest_isNewData_andStays(TestInfo info) {
    start(info);
    TraceId before = ingest(user, false);
    Tombstone t = request();
    h.clock.advance(Duration.ofSeconds(1));
    TraceId after = ingest(user, false);

    h.retention.continueDeletions(1000);

    assertThat(anythingOf(before)).isFalse();
    assertThat(anythingOf(after)).isTrue();
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
  }

  @Test
  void deletion_resumesAfterARestart_andFinishes(TestInfo info) {
    start(info);
    List<TraceId> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(ingest(user, false));
    }
    Tombstone t = request();
    assertThat(h.retention.continueDeletions(2)).isEqualTo(2);
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.RUNNING);

    // A new process over the same stores: nothing but the stores carries over.
    RetentionService restarted =
        new RetentionService(
            h.memory.traceStore(),
            h.memory.spanStore(),
            h.memory.frameEventStore(),
            h.memory.artifactStore(),
            h.memory.objectStore(),
            h.memory.tombstoneStore(),
            h.memory.reconciliationStore(),
            h.memory.tenantStore(),
            h.memory.auditLog(),
            h.audit,
            h.memory.retentionRunLog(),
            h.clock,
            h.metrics,
            Harness.RETENTION);
    assertThat(restarted.continueDeletions(1000)).isEqualTo(3);

    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
    assertThat(tombstone(t.deletionId()).traceCount()).isEqualTo(5);
    mine.forEach(id -> assertThat(anythingOf(id)).isFalse());
  }

  @Test
  void failedObjectDeletion_keepsTheDeletionRunning_untilItSucceeds(TestInfo info) {
    start(info);
    TraceId id = ingest(user, false);
    AtomicBoolean down = new AtomicBoolean(true);
    RetentionService flaky =
        new RetentionService(
            h.memory.traceStore(),
            h.memory.spanStore(),
            h.memory.frameEventStore(),
            h.memory.artifactStore(),
            RetentionServiceTest.flaky(h.memory.objectStore(), down),
            h.memory.tombstoneStore(),
            h.memory.reconciliationStore(),
            h.memory.tenantStore(),
            h.memory.auditLog(),
            h.audit,
            h.memory.retentionRunLog(),
            h.clock,
            h.metrics,
            Harness.RETENTION);
    Tombstone t = flaky.requestDeletion(admin, Harness.request(), h.tenant, user, Optional.empty());

    assertThat(flaky.continueDeletions(1000)).isZero();
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.RUNNING);
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, List.of(id))).contains(id);

    down.set(false);
    assertThat(flaky.continueDeletions(1000)).isEqualTo(1);
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
    assertThat(anythingOf(id)).isFalse();
  }

  @Test
  void repeatedRequest_isANewDeletion_thatFindsWhatIsLeft(TestInfo info) {
    start(info);
    ingest(user, false);
    TraceId held = ingest(user, true);
    Tombstone first = request();
    h.retention.continueDeletions(1000);
    h.admin.setLegalHold(admin, Harness.request(), held, false);

    Tombstone second = request();

    assertThat(second.deletionId()).isNotEqualTo(first.deletionId());
    assertThat(second.traceCount()).isEqualTo(1);
    assertThat(second.heldCount()).isZero();
    h.retention.continueDeletions(1000);
    assertThat(anythingOf(held)).isFalse();
    assertThat(deleteRecords()).hasSize(2);
  }

  @Test
  void reason_isStoredWhenGiven(TestInfo info) {
    start(info);
    Tombstone t =
        h.retention.requestDeletion(
            admin, Harness.request(), h.tenant, user, Optional.of("ticket GDPR-42"));
    assertThat(t.reason()).isEqualTo("ticket GDPR-42");
    assertThat(t.traceCount()).isZero();
    h.retention.continueDeletions(10);
    assertThat(tombstone(t.deletionId()).state()).isEqualTo(DeletionState.COMPLETED);
  }

  @Test
  void badInput_isInvalidParameter(TestInfo info) {
    start(info);
    assertCode(
        () ->
            h.retention.requestDeletion(
                admin, Harness.request(), h.tenant, "ABC", Optional.empty()),
        ErrorCode.INVALID_PARAMETER);
    assertCode(
        () ->
            h.retention.requestDeletion(
                admin, Harness.request(), h.tenant, user, Optional.of("x".repeat(257))),
        ErrorCode.INVALID_PARAMETER);
    assertThat(deleteRecords()).isEmpty();
  }

  @Test
  void targetTenantRule_otherTenantsAreNotFound_exceptForASuperAdmin(TestInfo info) {
    start(info);
    TenantId other = h.fx.tenant();
    h.memory.tenantStore().create(h.fx.tenantRecord(other));
    Principal othersAdmin = h.principal(other, Role.ADMIN);
    assertCode(
        () ->
            h.retention.requestDeletion(
                othersAdmin, Harness.request(), h.tenant, user, Optional.empty()),
        ErrorCode.NOT_FOUND);
    assertCode(
        () ->
            h.retention.requestDeletion(
                h.principal(Role.DEVELOPER), Harness.request(), h.tenant, user, Optional.empty()),
        ErrorCode.FORBIDDEN);

    Principal root = h.principal(other, Role.SUPER_ADMIN);
    Tombstone t =
        h.retention.requestDeletion(root, Harness.request(), h.tenant, user, Optional.empty());
    assertThat(t.tenantId()).isEqualTo(h.tenant);
    assertThat(h.retention.deletion(root, t.deletionId())).isEqualTo(t);
    assertThat(h.retention.deletion(admin, t.deletionId())).isEqualTo(t);
    assertCode(() -> h.retention.deletion(othersAdmin, t.deletionId()), ErrorCode.NOT_FOUND);
    assertCode(
        () ->
            h.retention.requestDeletion(
                root, Harness.request(), h.fx.tenant(), user, Optional.empty()),
        ErrorCode.NOT_FOUND);
    assertCode(() -> h.retention.deletion(admin, DeletionId.random()), ErrorCode.NOT_FOUND);
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OvpoException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
