package io.ovpo.core.service;

import io.ovpo.core.retention.ManagedStorage;
import io.ovpo.core.retention.RetentionCutoffs;
import io.ovpo.ports.model.ArtifactKey;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.EphemeralArtifact;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One retention run of one tenant (spec 08 §2), in batches: whole traces past {@code traces_days};
 * frame events of traces past {@code frame_events_days}, keeping their aggregates on the trace; the
 * items of orphan traces found missing 7 days ago; ephemeral artifacts past their lifetime and
 * grace; audit records past {@code audit_days}; and tombstones past 7 years. Held traces are
 * skipped and counted. Every step is idempotent, so an interrupted run is finished by the next.
 */
final class RetentionRun {
  static final String REASON = "retention";
  private static final int CAS_ATTEMPTS = 16;

  /** Who runs it, for the tombstone and the audit record. */
  record Actor(String actorId, Optional<String> ip, Optional<String> userAgent) {}

  private final TraceStore traces;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final ObjectStore objects;
  private final TombstoneStore tombstones;
  private final ReconciliationStore reconciliation;
  private final AuditLog auditLog;
  private final AuditTrail audit;
  private final TraceEraser eraser;
  private final RetentionSettings settings;
  private final ManagedStorage managed;

  // State of this run.
  private final TenantId tenant;
  private final Actor actor;
  private final Instant started;
  private final DeletionId deletionId = DeletionId.random();
  private final Set<TraceId> held = new HashSet<>();
  private DeletedCounts deleted = DeletedCounts.NONE;
  private long failed;
  private boolean tombstoneOpen;

  RetentionRun(
      TraceStore traces,
      FrameEventStore events,
      ArtifactStore artifacts,
      ObjectStore objects,
      TombstoneStore tombstones,
      ReconciliationStore reconciliation,
      AuditLog auditLog,
      AuditTrail audit,
      TraceEraser eraser,
      RetentionSettings settings,
      TenantId tenant,
      Actor actor,
      Instant started) {
    this.traces = traces;
    this.events = events;
    this.artifacts = artifacts;
    this.objects = objects;
    this.tombstones = tombstones;
    this.reconciliation = reconciliation;
    this.auditLog = auditLog;
    this.audit = audit;
    this.eraser = eraser;
    this.settings = settings;
    this.managed = settings.managedStorage();
    this.tenant = tenant;
    this.actor = actor;
    this.started = started;
  }

  /** Runs every step and returns the report; {@code finished} gives the end time. */
  RetentionReport run(RetentionPolicy policy, Supplier<Instant> finished) {
    RetentionCutoffs cut = RetentionCutoffs.of(policy, started);
    deleteTraces(cut.traces());
    deleteOrphans(cut.orphans());
    expireFrameEvents(cut.frameEvents());
    expireArtifacts(cut.artifactsAsOf(), cut);
    cut.audit()
        .ifPresent(c -> add(new DeletedCounts(0, 0, 0, 0, 0, auditLog.deleteBefore(tenant, c))));
    tombstones.purgeBefore(tenant, cut.tombstones());
    Optional<DeletionId> written = closeTombstone();
    Instant end = finished.get();
    return new RetentionReport(
        RetentionRunId.random(),
        tenant,
        started,
        end.isBefore(started) ? started : end,
        deleted,
        held.size(),
        failed,
        written);
  }

  private void deleteTraces(Instant cutoff) {
    Optional<PageKey> after = Optional.empty();
    while (true) {
      List<TraceRecord> page = traces.receivedBefore(tenant, cutoff, after, settings.batchSize());
      if (page.isEmpty()) {
        return;
      }
      after = Optional.of(receivedKey(page.get(page.size() - 1)));
      List<TraceId> ids = new ArrayList<>();
      for (TraceRecord r : page) {
        if (r.trace().legalHold()) {
          held.add(r.traceId());
        } else {
          ids.add(r.traceId());
        }
      }
      if (!ids.isEmpty()) {
        openTombstone();
        TraceEraser.Result result = eraser.erase(tenant, deletionId, ids);
        add(result.counts());
        failed += result.failed().size();
        settings.pause();
      }
    }
  }

  /**
   * Orphans (spec 04 §7.1): the items of traces still not stored 7 days after the reconciler first
   * found them missing. An entry whose trace is stored now is dropped. An entry is forgotten only
   * as listed: one seen again meanwhile (items that arrived after the deletion) stays for the next
   * run, so no item outlives its entry; a crash before forgetting repeats an idempotent deletion. A
   * trace that arrives while its orphans are being deleted loses them (a 7-day-late trace).
   */
  private void deleteOrphans(Instant cutoff) {
    Optional<PageKey> after = Optional.empty();
    while (true) {
      List<OrphanTrace> page =
          reconciliation.orphansSeenBefore(tenant, cutoff, after, settings.batchSize());
      if (page.isEmpty()) {
        return;
      }
      OrphanTrace last = page.get(page.size() - 1);
      after = Optional.of(new PageKey(last.firstSeenAt(), last.traceId()));
      Map<TraceId, OrphanTrace> missing = new LinkedHashMap<>();
      for (OrphanTrace o : page) {
        if (traces.get(tenant, o.traceId()).isPresent()) {
          reconciliation.forgetOrphan(tenant, o.traceId());
        } else {
          missing.put(o.traceId(), o);
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      TraceEraser.Result result = eraser.eraseOrphans(tenant, new ArrayList<>(missing.keySet()));
      add(result.counts());
      failed += result.failed().size();
      result.erased().forEach(id -> reconciliation.forgetOrphan(missing.get(id)));
      settings.pause();
    }
  }

  /**
   * Per trace: aggregates first (kept on the trace), then the events, then the mark. The mark comes
   * last so that a crash in between is finished by the next run, which finds the trace unmarked.
   */
  private void expireFrameEvents(Instant cutoff) {
    Optional<PageKey> after = Optional.empty();
    while (true) {
      List<TraceRecord> page =
          traces.framesKeptReceivedBefore(tenant, cutoff, after, settings.batchSize());
      if (page.isEmpty()) {
        return;
      }
      after = Optional.of(receivedKey(page.get(page.size() - 1)));
      Map<TraceId, FrameEventStats> stats = new LinkedHashMap<>();
      for (TraceRecord r : page) {
        if (r.trace().legalHold()) {
          held.add(r.traceId());
        } else {
          stats.put(r.traceId(), events.stats(tenant, r.traceId()));
        }
      }
      if (stats.isEmpty()) {
        continue;
      }
      long n = events.deleteByTraces(tenant, stats.keySet());
      add(new DeletedCounts(0, 0, n, 0, 0, 0));
      Instant now = started;
      stats.forEach((id, s) -> markExpired(id, s, now));
      settings.pause();
    }
  }

  private void markExpired(TraceId id, FrameEventStats stats, Instant now) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Optional<TraceRecord> current = traces.get(tenant, id);
      if (current.isEmpty() || current.get().frameEventsExpired()) {
        return;
      }
      TraceRecord r = current.get();
      Instant at = now.isBefore(r.updatedAt()) ? r.updatedAt() : now;
      if (traces.put(r.withFrameEventsExpired(stats, at), r.version())) {
        return;
      }
    }
    // The processor kept changing it; the next run finds it unmarked and finishes.
    failed++;
  }

  private void expireArtifacts(Instant asOf, RetentionCutoffs cut) {
    Optional<ArtifactKey> after = Optional.empty();
    while (true) {
      List<EphemeralArtifact> page =
          artifacts.expiredEphemeral(
              tenant, asOf, cut.artifactLifetime(), after, settings.batchSize());
      if (page.isEmpty()) {
        return;
      }
      after = Optional.of(page.get(page.size() - 1).key());
      Map<TraceId, Boolean> holds = new HashMap<>();
      List<ArtifactKey> gone = new ArrayList<>();
      for (EphemeralArtifact a : page) {
        boolean isHeld =
            holds.computeIfAbsent(
                a.traceId(),
                id -> traces.get(tenant, id).map(r -> r.trace().legalHold()).orElse(false));
        if (isHeld) {
          held.add(a.traceId());
          continue;
        }
        Optional<String> key = managed.objectKey(a.ref());
        try {
          key.ifPresent(objects::delete);
          gone.add(a.key());
        } catch (RuntimeException e) {
          // Retried by the next run: the artifact stays listed until its object is gone.
          failed++;
        }
      }
      add(new DeletedCounts(0, 0, 0, artifacts.markObjectsDeleted(tenant, gone), 0, 0));
      settings.pause();
    }
  }

  /** The tombstone is saved before the first trace joins the deleted-trace set under its id. */
  private void openTombstone() {
    if (!tombstoneOpen) {
      tombstones.save(tombstone(DeletionState.RUNNING));
      tombstoneOpen = true;
    }
  }

  private Optional<DeletionId> closeTombstone() {
    if (!tombstoneOpen) {
      return Optional.empty();
    }
    Tombstone done = tombstone(DeletionState.COMPLETED);
    tombstones.save(done);
    if (deleted.traces() == 0) {
      return Optional.empty();
    }
    audit.record(
        new AuditEvent(
            tenant,
            AuditAction.TRACE_DELETE,
            actor.actorId(),
            actor.ip(),
            actor.userAgent(),
            started,
            Optional.of("deletion:" + deletionId),
            UserDeletions.details(done)));
    return Optional.of(deletionId);
  }

  private Tombstone tombstone(DeletionState state) {
    return new Tombstone(
        deletionId,
        tenant,
        started,
        actor.actorId(),
        REASON,
        Optional.empty(),
        (int) Math.min(Integer.MAX_VALUE, deleted.traces()),
        held.size(),
        state);
  }

  private void add(DeletedCounts counts) {
    deleted = deleted.plus(counts);
  }

  private static PageKey receivedKey(TraceRecord r) {
    return new PageKey(r.firstReceivedAt(), r.traceId());
  }
}
