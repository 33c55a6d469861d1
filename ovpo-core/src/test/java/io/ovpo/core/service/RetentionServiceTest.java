package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ObjectGrant;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.ObjectStore;
import java.time.Duration;
import java.time.Instant;
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

/** Retention runs, spec 08 §1-§4 and §6 rule 1, over the in-memory adapters. */
class RetentionServiceTest {
  private static final Duration TRACE_DAYS = Duration.ofDays(730);
  private static final Duration FRAME_DAYS = Duration.ofDays(180);
  private static final Duration ORPHAN_DAYS = Duration.ofDays(7);

  private Harness h;
  private Principal admin;

  private void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    admin = h.principal(Role.ADMIN);
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** A completed trace of four frames, with a span, and a manifest of {@code artifacts}. */
  private TraceId ingest(boolean held, ArtifactRef... artifacts) {
    TraceId id = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>();
    items.add(
        new IngestItem.TraceItem(
            h.fx
                .trace()
                .id(id)
                .status(TraceStatus.COMPLETED)
                .expectedFrames(4)
                .ran(Duration.ofSeconds(1), 30_000)
                .legalHold(held)
                .build()));
    items.add(new IngestItem.SpanItem(h.fx.span(id).build()));
    for (int i = 0; i < 4; i++) {
      items.add(new IngestItem.FrameEventItem(h.fx.event(id).frame(i).gpu(20_000, 90).build()));
    }
    if (artifacts.length > 0) {
      items.add(
          new IngestItem.ManifestItem(
              new ArtifactManifest(h.fx.manifestId(), id, List.of(artifacts))));
    }
    h.process(items.toArray(IngestItem[]::new));
    return id;
  }

  private ArtifactRef artifact(String uri, OptionalInt ttlHours) {
    return new ArtifactRef(
        h.fx.artifactId(),
        ArtifactKind.LATENT,
        uri,
        "application/octet-stream",
        3,
        Optional.empty(),
        ttlHours);
  }

  /** An artifact whose object is in the object store under the URI's key. */
  private ArtifactRef stored(String uri, OptionalInt ttlHours) {
    ArtifactRef ref = artifact(uri, ttlHours);
    h.memory.objectStore().put(new StoredObject(key(ref), new byte[] {1, 2, 3}, "x/y"));
    return ref;
  }

  private static String key(ArtifactRef ref) {
    return ref.uri().substring(ref.uri().indexOf("://") + 3);
  }

  private boolean objectThere(ArtifactRef ref) {
    return h.memory.objectStore().get(key(ref)).isPresent();
  }

  private boolean traceThere(TraceId id) {
    return h.memory.traceStore().get(h.tenant, id).isPresent();
  }

  private List<AuditRecord> audit(AuditAction action) {
    return h.memory
        .auditLog()
        .list(
            new AuditQuery(
                h.tenant, Optional.of(action), TimeRange.all(), OptionalLong.empty(), 50));
  }

  private TraceDetail detail(TraceId id) {
    return h.query.get(h.principal(Role.VIEWER), Harness.request(), id, EventsRequest.firstPage());
  }

  @Test
  void tracePastTracesDays_isDeletedFromEveryStore_withItsManagedObjects(TestInfo info) {
    start(info);
    ArtifactRef managed = stored("ovpo://renders/" + h.fx.uuid(), OptionalInt.empty());
    ArtifactRef clientOwned = stored("s3://client-bucket/" + h.fx.uuid(), OptionalInt.empty());
    TraceId old = ingest(false, managed, clientOwned);
    h.clock.advance(Duration.ofDays(2));
    TraceId young = ingest(false);
    h.clock.advance(TRACE_DAYS.minusDays(1));

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    // The young trace is past frame_events_days: its four events go too, the trace stays.
    assertThat(report.deleted()).isEqualTo(new DeletedCounts(1, 1, 8, 1, 0, 0));
    assertThat(traceThere(old)).isFalse();
    assertThat(h.memory.spanStore().byTrace(h.tenant, old)).isEmpty();
    assertThat(h.memory.frameEventStore().stats(h.tenant, old).eventCount()).isZero();
    assertThat(h.memory.artifactStore().byTrace(h.tenant, old)).isEmpty();
    assertThat(objectThere(managed)).isFalse();
    assertThat(objectThere(clientOwned)).as("never touches objects it does not manage").isTrue();
    assertThat(traceThere(young)).isTrue();
    assertThat(detail(young).trace().frameEventsExpired()).isTrue();
    assertThatThrownBy(() -> detail(old))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  /**
   * A span, four frame events and a manifest of {@code artifacts} (or of one client-owned
   * artifact), without their trace.
   */
  private TraceId orphans(ArtifactRef... artifacts) {
    TraceId id = h.fx.traceId();
    List<ArtifactRef> refs =
        artifacts.length > 0
            ? List.of(artifacts)
            : List.of(artifact("s3://client-bucket/" + h.fx.uuid(), OptionalInt.empty()));
    List<IngestItem> items = new ArrayList<>();
    items.add(new IngestItem.SpanItem(h.fx.span(id).build()));
    for (int i = 0; i < 4; i++) {
      items.add(new IngestItem.FrameEventItem(h.fx.event(id).frame(i).build()));
    }
    items.add(new IngestItem.ManifestItem(new ArtifactManifest(h.fx.manifestId(), id, refs)));
    h.process(items.toArray(IngestItem[]::new));
    return id;
  }

  /** Lets the reconciler find the processed items' traces (missing or stored). */
  private void reconcile() {
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(100);
  }

  private long itemsOf(TraceId id) {
    return h.memory.spanStore().byTrace(h.tenant, id).size()
        + h.memory.frameEventStore().stats(h.tenant, id).eventCount()
        + h.memory.artifactStore().byTrace(h.tenant, id).size();
  }

  @Test
  void orphansStillWithoutTheirTrace7DaysAfterTheReconcilerFoundItMissing_goFromEveryStore(
      TestInfo info) {
    start(info);
    ArtifactRef managed = stored("ovpo://renders/" + h.fx.uuid(), OptionalInt.empty());
    Instant foundMissing = h.clock.instant();
    TraceId orphan = orphans(managed);
    reconcile();
    TraceId stillYoung = orphans();
    reconcile();
    h.clock.set(foundMissing.plus(ORPHAN_DAYS));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().orphans()).isZero();
    assertThat(itemsOf(orphan)).isEqualTo(6);

    h.clock.advance(Duration.ofMillis(1));
    RetentionReport report = h.retention.runNow(admin, Harness.request());

    // Orphans count items (a span, four events, a manifest); their managed object is an artifact.
    assertThat(report.deleted()).isEqualTo(new DeletedCounts(0, 0, 0, 1, 6, 0));
    assertThat(report.deletionId()).as("no trace was deleted").isEmpty();
    assertThat(itemsOf(orphan)).isZero();
    assertThat(objectThere(managed)).isFalse();
    assertThat(itemsOf(stillYoung)).isEqualTo(6);
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, List.of(orphan)))
        .as("the trace may still arrive, as new data")
        .isEmpty();
    assertThat(h.metrics.count("retention_deleted_total", "kind", "orphan")).isEqualTo(6);

    RetentionReport second = h.retention.runNow(admin, Harness.request());
    assertThat(second.deleted()).isEqualTo(DeletedCounts.NONE);
  }

  @Test
  void orphansWhoseTraceArrivedMeanwhile_areKept(TestInfo info) {
    start(info);
    TraceId id = orphans();
    reconcile();
    h.process(
        new IngestItem.TraceItem(
            h.fx.trace().id(id).status(TraceStatus.COMPLETED).expectedFrames(4).build()));
    h.clock.advance(ORPHAN_DAYS.plusDays(1));

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deleted()).isEqualTo(DeletedCounts.NONE);
    assertThat(itemsOf(id)).isEqualTo(6);
    assertThat(detail(id).spans()).hasSize(1);
    assertThat(
            h.memory
                .reconciliationStore()
                .orphansSeenBefore(h.tenant, Instant.MAX, Optional.empty(), 10))
        .isEmpty();
  }

  @Test
  void itemsArrivingAfterTheirOrphansWereDeleted_areANewOrphan_withItsOwn7Days(TestInfo info) {
    start(info);
    TraceId id = orphans();
    reconcile();
    h.clock.advance(ORPHAN_DAYS);
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().orphans()).isEqualTo(6);

    h.process(new IngestItem.SpanItem(h.fx.span(id).build()));
    reconcile();
    h.clock.advance(Duration.ofDays(6));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().orphans()).isZero();
    h.clock.advance(Duration.ofDays(1));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().orphans()).isEqualTo(1);
  }

  @Test
  void runThatDeletedTraces_writesATombstoneAndOneTraceDeleteRecord_asTheCaller(TestInfo info) {
    start(info);
    ingest(false);
    ingest(false);
    ingest(true);
    h.clock.advance(TRACE_DAYS.plusDays(1));

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deletionId()).isPresent();
    Tombstone t = h.memory.tombstoneStore().get(h.tenant, report.deletionId().get()).orElseThrow();
    assertThat(t.reason()).isEqualTo("retention");
    assertThat(t.userIdHash()).isEmpty();
    assertThat(t.traceCount()).isEqualTo(2);
    assertThat(t.heldCount()).isEqualTo(1);
    assertThat(t.state()).isEqualTo(DeletionState.COMPLETED);
    assertThat(t.deletedBy()).isEqualTo(admin.actorId());
    List<AuditRecord> records = audit(AuditAction.TRACE_DELETE);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).event().actorId()).isEqualTo(admin.actorId());
    assertThat(records.get(0).event().resourceId()).contains("deletion:" + t.deletionId());
    assertThat(records.get(0).event().details())
        .containsEntry("reason", "retention")
        .containsEntry("trace_count", "2")
        .containsEntry("held_count", "1");
    assertThat(h.memory.retentionRunLog().recent(h.tenant, 10)).containsExactly(report);
  }

  @Test
  void legalHold_winsOverEveryRetentionPeriod(TestInfo info) {
    start(info);
    ArtifactRef latent = stored("ovpo://latents/" + h.fx.uuid(), OptionalInt.of(1));
    TraceId held = ingest(true, latent);
    h.clock.advance(TRACE_DAYS.plusDays(1));

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.held()).isEqualTo(1);
    assertThat(report.deleted()).isEqualTo(DeletedCounts.NONE);
    assertThat(report.deletionId()).isEmpty();
    assertThat(traceThere(held)).isTrue();
    assertThat(h.memory.frameEventStore().stats(h.tenant, held).eventCount()).isEqualTo(4);
    assertThat(objectThere(latent)).isTrue();
    assertThat(audit(AuditAction.TRACE_DELETE)).isEmpty();
  }

  @Test
  void clearedHold_isDeletedByTheNextRun(TestInfo info) {
    start(info);
    TraceId id = ingest(true);
    h.clock.advance(TRACE_DAYS.plusDays(1));
    h.retention.runNow(admin, Harness.request());
    h.admin.setLegalHold(admin, Harness.request(), id, false);

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deleted().traces()).isEqualTo(1);
    assertThat(traceThere(id)).isFalse();
  }

  @Test
  void framesPastFrameEventDays_goButTheTraceKeepsItsVerdictAndAggregates(TestInfo info) {
    start(info);
    TraceId id = ingest(false);
    TraceDetail before = detail(id);
    h.clock.advance(FRAME_DAYS.plusDays(1));

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deleted()).isEqualTo(new DeletedCounts(0, 0, 4, 0, 0, 0));
    assertThat(h.memory.frameEventStore().stats(h.tenant, id).eventCount()).isZero();
    TraceDetail after = detail(id);
    assertThat(after.trace().frameEventsExpired()).isTrue();
    assertThat(after.frameEvents()).isEmpty();
    assertThat(after.spans()).isEqualTo(before.spans());
    assertThat(after.summary().frameCount()).isEqualTo(before.summary().frameCount());
    assertThat(after.summary().peakVramMb()).isEqualTo(before.summary().peakVramMb());
    assertThat(after.trace().status()).isEqualTo(TraceStatus.COMPLETED);

    // A late span makes the reconciler recompute: the kept verdict must not turn into PARTIAL.
    h.process(new IngestItem.SpanItem(h.fx.span(id).build()));
    h.clock.advance(Duration.ofMinutes(1));
    h.processor.reconcileDue(10);
    assertThat(detail(id).trace().status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(detail(id).trace().completeness()).isEqualTo(before.trace().completeness());
  }

  @Test
  void ephemeralArtifact_isDeletedOnlyAfterItsTtlPlusTheGrace_andIsThenNotDownloadable(
      TestInfo info) {
    start(info);
    ArtifactRef latent = stored("ovpo://latents/" + h.fx.uuid(), OptionalInt.of(24));
    ArtifactRef inManagedBucket = stored("s3://managed-bucket/" + h.fx.uuid(), OptionalInt.of(24));
    ArtifactRef inClientBucket = stored("s3://client-bucket/" + h.fx.uuid(), OptionalInt.of(24));
    ArtifactRef video = stored("s3://managed-bucket/" + h.fx.uuid(), OptionalInt.empty());
    TraceId id = ingest(false, latent, inManagedBucket, inClientBucket, video);

    h.clock.advance(Duration.ofHours(48).minusMillis(1));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().artifacts()).isZero();
    assertThat(objectThere(latent)).isTrue();

    h.clock.advance(Duration.ofMillis(1));
    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deleted().artifacts()).isEqualTo(3);
    assertThat(objectThere(latent)).isFalse();
    assertThat(objectThere(inManagedBucket)).isFalse();
    assertThat(objectThere(inClientBucket)).isTrue();
    assertThat(objectThere(video)).as("not ephemeral: lives as long as its trace").isTrue();
    assertThat(signedUrlError(id, latent.artifactId())).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(signedUrlError(id, inClientBucket.artifactId())).isEqualTo(ErrorCode.NOT_FOUND);
    SignedUrl stillThere = h.artifacts.signedUrl(admin, Harness.request(), id, video.artifactId());
    assertThat(stillThere.url()).isNotNull();
    assertThat(detail(id).artifacts())
        .extracting(StoredArtifact::artifact)
        .contains(latent, inManagedBucket, inClientBucket, video);
  }

  @Test
  void ovpoArtifactWithoutTtl_expiresAfterTheTenantsArtifactDays(TestInfo info) {
    start(info);
    ArtifactRef frame = stored("ovpo://frames/" + h.fx.uuid(), OptionalInt.empty());
    ingest(false, frame);
    h.clock.advance(Duration.ofDays(31).minusMillis(1));
    h.retention.runNow(admin, Harness.request());
    assertThat(objectThere(frame)).isTrue();
    h.clock.advance(Duration.ofMillis(1));
    h.retention.runNow(admin, Harness.request());
    assertThat(objectThere(frame)).isFalse();
  }

  @Test
  void tenantsOwnPolicy_overridesTheDefaults(TestInfo info) {
    start(info);
    Tenant t = h.memory.tenantStore().get(h.tenant).orElseThrow();
    RetentionPolicy shortOnes =
        new RetentionPolicy(
            Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(1), Optional.empty());
    h.memory
        .tenantStore()
        .update(
            new Tenant(
                h.tenant,
                t.name(),
                new TenantConfig("default", "default", false, shortOnes),
                t.createdAt()));
    TraceId id = ingest(false);
    h.clock.advance(Duration.ofDays(2));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().frameEvents()).isEqualTo(4);
    assertThat(traceThere(id)).isTrue();
    h.clock.advance(Duration.ofDays(2));
    assertThat(h.retention.runNow(admin, Harness.request()).deleted().traces()).isEqualTo(1);
  }

  @Test
  void runningTwice_deletesNothingMore(TestInfo info) {
    start(info);
    for (int i = 0; i < 5; i++) {
      ingest(false, stored("ovpo://x/" + h.fx.uuid(), OptionalInt.of(1)));
    }
    h.clock.advance(TRACE_DAYS.plusDays(1));
    RetentionReport first = h.retention.runNow(admin, Harness.request());
    RetentionReport second = h.retention.runNow(admin, Harness.request());
    assertThat(first.deleted().traces()).isEqualTo(5);
    assertThat(second.deleted()).isEqualTo(DeletedCounts.NONE);
    assertThat(second.deletionId()).isEmpty();
    assertThat(audit(AuditAction.TRACE_DELETE)).hasSize(1);
  }

  @Test
  void failedObjectDeletion_isCountedAndRetriedByTheNextRun_withoutStoppingTheRun(TestInfo info) {
    start(info);
    AtomicBoolean objectStoreDown = new AtomicBoolean(true);
    RetentionService retention = retentionOver(flaky(h.memory.objectStore(), objectStoreDown));
    ArtifactRef managed = stored("ovpo://renders/" + h.fx.uuid(), OptionalInt.empty());
    TraceId withObject = ingest(false, managed);
    TraceId plain = ingest(false);
    h.clock.advance(TRACE_DAYS.plusDays(1));

    RetentionReport first = retention.runNow(admin, Harness.request());
    // Twice the same object: with its trace, and as an expired ephemeral (ovpo://) artifact.
    assertThat(first.failed()).isEqualTo(2);
    assertThat(first.deleted().traces()).isEqualTo(1);
    assertThat(traceThere(plain)).isFalse();
    assertThat(traceThere(withObject)).as("kept until its object can go").isTrue();

    objectStoreDown.set(false);
    RetentionReport second = retention.runNow(admin, Harness.request());
    assertThat(second.failed()).isZero();
    assertThat(second.deleted().traces()).isEqualTo(1);
    assertThat(traceThere(withObject)).isFalse();
    assertThat(objectThere(managed)).isFalse();
  }

  @Test
  void auditDays_deletesTheOldestAuditRecords_andTheChainStillVerifies(TestInfo info) {
    start(info);
    Tenant t = h.memory.tenantStore().get(h.tenant).orElseThrow();
    h.memory
        .tenantStore()
        .update(
            new Tenant(
                h.tenant,
                t.name(),
                new TenantConfig(
                    "default",
                    "default",
                    false,
                    new RetentionPolicy(
                        FRAME_DAYS,
                        TRACE_DAYS,
                        Duration.ofDays(30),
                        Optional.of(Duration.ofDays(90)))),
                t.createdAt()));
    for (int i = 0; i < 3; i++) {
      h.audit.record(
          admin,
          Harness.request(),
          h.tenant,
          AuditAction.CONFIG_CHANGE,
          Optional.empty(),
          Map.of());
    }
    h.clock.advance(Duration.ofDays(91));
    h.audit.record(
        admin, Harness.request(), h.tenant, AuditAction.CONFIG_CHANGE, Optional.empty(), Map.of());

    RetentionReport report = h.retention.runNow(admin, Harness.request());

    assertThat(report.deleted().auditRecords()).isEqualTo(3);
    assertThat(h.audit.verify(admin).intact()).isTrue();
  }

  @Test
  void tombstonesOlderThanSevenYears_areDeleted(TestInfo info) {
    start(info);
    TraceId id = ingest(false);
    h.clock.advance(TRACE_DAYS.plusDays(1));
    RetentionReport report = h.retention.runNow(admin, Harness.request());
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, List.of(id))).contains(id);

    h.clock.advance(Duration.ofDays(2557).minusMillis(1));
    h.retention.runNow(admin, Harness.request());
    assertThat(h.memory.tombstoneStore().get(h.tenant, report.deletionId().get())).isPresent();
    h.clock.advance(Duration.ofMillis(2));
    h.retention.runNow(admin, Harness.request());
    assertThat(h.memory.tombstoneStore().get(h.tenant, report.deletionId().get())).isEmpty();
    assertThat(h.memory.tombstoneStore().deletedAmong(h.tenant, List.of(id))).isEmpty();
  }

  @Test
  void runNow_needsAdminDelete(TestInfo info) {
    start(info);
    assertThatThrownBy(() -> h.retention.runNow(h.principal(Role.DEVELOPER), Harness.request()))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void scheduledRun_coversEveryTenant_asSystemRetention(TestInfo info) {
    start(info);
    TenantId other = h.fx.tenant();
    h.memory.tenantStore().create(h.fx.tenantRecord(other));
    ingest(false);
    h.clock.advance(TRACE_DAYS.plusDays(1));

    List<RetentionReport> reports = h.retention.runScheduled();

    assertThat(reports).extracting(RetentionReport::tenantId).contains(h.tenant, other);
    RetentionReport mine =
        reports.stream().filter(r -> r.tenantId().equals(h.tenant)).findFirst().orElseThrow();
    assertThat(mine.deleted().traces()).isEqualTo(1);
    AuditRecord record = audit(AuditAction.TRACE_DELETE).get(0);
    assertThat(record.event().actorId()).isEqualTo("system:retention");
    assertThat(record.event().actorIp()).isEmpty();
    assertThat(h.metrics.count("retention_runs_total")).isEqualTo(reports.size());
  }

  private ErrorCode signedUrlError(TraceId trace, ArtifactId artifact) {
    try {
      h.artifacts.signedUrl(admin, Harness.request(), trace, artifact);
      return null;
    } catch (OvpoException e) {
      return e.code();
    }
  }

  private RetentionService retentionOver(ObjectStore objects) {
    return new RetentionService(
        h.memory.traceStore(),
        h.memory.spanStore(),
        h.memory.frameEventStore(),
        h.memory.artifactStore(),
        objects,
        h.memory.tombstoneStore(),
        h.memory.reconciliationStore(),
        h.memory.tenantStore(),
        h.memory.auditLog(),
        h.audit,
        h.memory.retentionRunLog(),
        h.clock,
        h.metrics,
        Harness.RETENTION);
  }

  /** An object store whose deletions fail while {@code down} is set. */
  static ObjectStore flaky(ObjectStore real, AtomicBoolean down) {
    return new ObjectStore() {
      @Override
      public void put(StoredObject object) {
        real.put(object);
      }

      @Override
      public Optional<StoredObject> get(String key) {
        return real.get(key);
      }

      @Override
      public boolean delete(String key) {
        if (down.get()) {
          throw new StoreUnavailableException("objects", "connection refused", null);
        }
        return real.delete(key);
      }

      @Override
      public SignedUrl sign(TenantId tenant, String key, Instant expiresAt) {
        return real.sign(tenant, key, expiresAt);
      }

      @Override
      public Optional<ObjectGrant> signedKey(Map<String, String> query, Instant now) {
        return real.signedKey(query, now);
      }

      @Override
      public io.ovpo.ports.model.HealthStatus check() {
        return real.check();
      }
    };
  }
}
