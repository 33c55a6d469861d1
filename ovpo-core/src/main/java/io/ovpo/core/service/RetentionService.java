package io.ovpo.core.service;

import io.ovpo.ports.in.RetentionUseCase;
import io.ovpo.ports.in.UserDeletionUseCase;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention runs and user deletion (spec chapter 08). A run of a tenant (see {@link RetentionRun})
 * saves its report in the {@link RetentionRunLog} and counts what it deleted in {@code
 * retention_deleted_total{kind}}; user deletions are in {@link UserDeletions}. Both need
 * admin:delete. The scheduled run acts as {@value #SYSTEM_ACTOR}.
 */
public final class RetentionService implements RetentionUseCase, UserDeletionUseCase {
  public static final String SYSTEM_ACTOR = "system:retention";
  private static final System.Logger LOG = System.getLogger(RetentionService.class.getName());

  private final TraceStore traces;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final ObjectStore objects;
  private final TombstoneStore tombstones;
  private final ReconciliationStore reconciliation;
  private final TenantStore tenants;
  private final AuditLog auditLog;
  private final AuditTrail audit;
  private final RetentionRunLog runLog;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final RetentionSettings settings;
  private final TraceEraser eraser;
  private final UserDeletions deletions;

  public RetentionService(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      ObjectStore objects,
      TombstoneStore tombstones,
      ReconciliationStore reconciliation,
      TenantStore tenants,
      AuditLog auditLog,
      AuditTrail audit,
      RetentionRunLog runLog,
      Clock clock,
      MetricsRecorder metrics,
      RetentionSettings settings) {
    this.traces = Objects.requireNonNull(traces, "traces");
    this.events = Objects.requireNonNull(events, "events");
    this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.tombstones = Objects.requireNonNull(tombstones, "tombstones");
    this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.runLog = Objects.requireNonNull(runLog, "runLog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.eraser =
        new TraceEraser(
            traces,
            Objects.requireNonNull(spans, "spans"),
            events,
            artifacts,
            objects,
            tombstones,
            settings.managedStorage());
    this.deletions =
        new UserDeletions(traces, tombstones, tenants, audit, eraser, clock, metrics, settings);
  }

  @Override
  public RetentionReport runNow(Principal principal, RequestContext request) {
    Access.require(principal, Permission.ADMIN_DELETE);
    return run(
        principal.tenantId(),
        new RetentionRun.Actor(principal.actorId(), request.actorIp(), request.userAgent()));
  }

  @Override
  public List<RetentionReport> runScheduled() {
    List<RetentionReport> reports = new ArrayList<>();
    RetentionRun.Actor system =
        new RetentionRun.Actor(SYSTEM_ACTOR, Optional.empty(), Optional.empty());
    for (Tenant tenant : tenants.list()) {
      try {
        reports.add(run(tenant.tenantId(), system));
      } catch (RuntimeException e) {
        metrics.increment("retention_failures_total", 1, "job", "retention");
        LOG.log(
            System.Logger.Level.WARNING,
            "retention run of tenant {0} failed (finished by the next run): {1}",
            tenant.tenantId(),
            e.toString());
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return reports;
  }

  @Override
  public Tombstone requestDeletion(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      String userIdHash,
      Optional<String> reason) {
    return deletions.requestDeletion(principal, request, tenant, userIdHash, reason);
  }

  @Override
  public Tombstone deletion(Principal principal, DeletionId deletionId) {
    return deletions.deletion(principal, deletionId);
  }

  @Override
  public int continueDeletions(int maxTraces) {
    return deletions.continueDeletions(maxTraces);
  }

  private RetentionReport run(TenantId tenant, RetentionRun.Actor actor) {
    RetentionPolicy policy =
        tenants.get(tenant).map(Tenant::config).orElse(TenantConfig.DEFAULT).retention();
    RetentionReport report =
        new RetentionRun(
                traces,
                events,
                artifacts,
                objects,
                tombstones,
                reconciliation,
                auditLog,
                audit,
                eraser,
                settings,
                tenant,
                actor,
                now())
            .run(policy, this::now);
    runLog.save(report);
    count(report);
    LOG.log(
        System.Logger.Level.INFO,
        "retention run {0} of tenant {1}: deleted {2}, held {3}, failed {4}",
        report.runId(),
        tenant,
        report.deleted(),
        report.held(),
        report.failed());
    return report;
  }

  private void count(RetentionReport r) {
    metrics.increment("retention_runs_total", 1);
    metrics.increment("retention_deleted_total", r.deleted().traces(), "kind", "trace");
    metrics.increment("retention_deleted_total", r.deleted().frameEvents(), "kind", "frame_event");
    metrics.increment("retention_deleted_total", r.deleted().artifacts(), "kind", "artifact");
    metrics.increment("retention_deleted_total", r.deleted().orphans(), "kind", "orphan");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
