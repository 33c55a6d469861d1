package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.internal.Checks;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * User deletion (spec 08 §5), for {@link RetentionService}. A request counts the user's traces,
 * audits TRACE_DELETE and saves a RUNNING tombstone; {@link #continueDeletions} then erases them in
 * batches (see {@link TraceEraser}). The work needs no state beyond the tombstone: it walks the
 * user's traces again each time, skipping those under legal hold and those first received after the
 * request (new data, §5 rule 4), so it resumes after a restart wherever it stopped, in any process.
 */
final class UserDeletions {
  static final String DEFAULT_REASON = "user deletion request";
  private static final System.Logger LOG = System.getLogger(UserDeletions.class.getName());

  private final TraceStore traces;
  private final TombstoneStore tombstones;
  private final TenantStore tenants;
  private final AuditTrail audit;
  private final TraceEraser eraser;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final RetentionSettings settings;

  UserDeletions(
      TraceStore traces,
      TombstoneStore tombstones,
      TenantStore tenants,
      AuditTrail audit,
      TraceEraser eraser,
      Clock clock,
      MetricsRecorder metrics,
      RetentionSettings settings) {
    this.traces = Objects.requireNonNull(traces, "traces");
    this.tombstones = Objects.requireNonNull(tombstones, "tombstones");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.eraser = Objects.requireNonNull(eraser, "eraser");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  Tombstone requestDeletion(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      String userIdHash,
      Optional<String> reason) {
    Access.require(principal, Permission.ADMIN_DELETE);
    requireTargetTenant(principal, tenant);
    if (userIdHash == null || !Checks.HEX64.matcher(userIdHash).matches()) {
      throw new OvpoException(
          ErrorCode.INVALID_PARAMETER, "user_id_hash must be 64 lower-case hex characters");
    }
    String why = reason.orElse(DEFAULT_REASON);
    if (why.isEmpty() || why.length() > 256) {
      throw new OvpoException(ErrorCode.INVALID_PARAMETER, "reason must be 1..256 characters");
    }
    int[] counts = new int[2]; // deletable, held
    walk(tenant, userIdHash, r -> counts[r.trace().legalHold() ? 1 : 0]++);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Tombstone t =
        new Tombstone(
            DeletionId.random(),
            tenant,
            now,
            principal.actorId(),
            why,
            Optional.of(userIdHash),
            counts[0],
            counts[1],
            DeletionState.RUNNING);
    // Audited before anything changes: when the trail cannot be written, nothing is requested.
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.TRACE_DELETE,
            Optional.of("deletion:" + t.deletionId()),
            details(t),
            now));
    tombstones.save(t);
    return t;
  }

  Tombstone deletion(Principal principal, DeletionId deletionId) {
    Access.require(principal, Permission.ADMIN_DELETE);
    Optional<Tombstone> own = tombstones.get(principal.tenantId(), deletionId);
    if (own.isPresent()) {
      return own.get();
    }
    if (principal.can(Permission.ADMIN_TENANTS)) {
      for (Tenant tenant : tenants.list()) {
        Optional<Tombstone> t = tombstones.get(tenant.tenantId(), deletionId);
        if (t.isPresent()) {
          return t.get();
        }
      }
    }
    throw new OvpoException(ErrorCode.NOT_FOUND, "deletion not found");
  }

  int continueDeletions(int maxTraces) {
    int budget = maxTraces;
    int deleted = 0;
    for (Tombstone t : tombstones.running()) {
      if (budget <= 0) {
        break;
      }
      if (t.userIdHash().isEmpty()) {
        // A retention run's tombstone left RUNNING by a crash: what it deleted is gone and the
        // next run deletes the rest, so it only needs closing.
        tombstones.save(withState(t, DeletionState.COMPLETED));
        continue;
      }
      try {
        Progress p = advance(t, budget);
        deleted += p.deleted;
        budget -= p.deleted + p.failed;
        if (p.done) {
          tombstones.save(withState(t, DeletionState.COMPLETED));
          LOG.log(
              System.Logger.Level.INFO,
              "user deletion {0} of tenant {1} completed",
              t.deletionId(),
              t.tenantId());
        }
      } catch (RuntimeException e) {
        metrics.increment("retention_failures_total", 1, "job", "user_deletion");
        LOG.log(
            System.Logger.Level.WARNING,
            "user deletion {0} of tenant {1} interrupted (resumed later): {2}",
            t.deletionId(),
            t.tenantId(),
            e.toString());
      }
    }
    return deleted;
  }

  private record Progress(int deleted, int failed, boolean done) {}

  /** Erases up to {@code budget} of the deletion's traces; done when none is left to erase. */
  private Progress advance(Tombstone t, int budget) {
    TenantId tenant = t.tenantId();
    String user = t.userIdHash().orElseThrow();
    int deleted = 0;
    int failed = 0;
    Optional<TraceId> after = Optional.empty();
    while (true) {
      List<TraceId> page = traces.findByUserIdHash(tenant, user, after, settings.batchSize());
      if (page.isEmpty()) {
        return new Progress(deleted, failed, failed == 0);
      }
      after = Optional.of(page.get(page.size() - 1));
      List<TraceId> batch = new ArrayList<>();
      for (TraceId id : page) {
        Optional<TraceRecord> r = traces.get(tenant, id);
        if (r.isPresent()
            && !r.get().trace().legalHold()
            && !r.get().firstReceivedAt().isAfter(t.deletedAt())) {
          batch.add(id);
        }
      }
      TraceEraser.Result result = eraser.erase(tenant, t.deletionId(), batch);
      deleted += result.erased().size();
      failed += result.failed().size();
      metrics.increment("retention_deleted_total", result.counts().traces(), "kind", "trace");
      metrics.increment(
          "retention_deleted_total", result.counts().frameEvents(), "kind", "frame_event");
      metrics.increment("retention_deleted_total", result.counts().artifacts(), "kind", "artifact");
      if (deleted + failed >= budget) {
        return new Progress(deleted, failed, false);
      }
      if (!batch.isEmpty()) {
        settings.pause();
      }
    }
  }

  /** Visits the tenant's stored traces with this user_id_hash. */
  private void walk(TenantId tenant, String user, Consumer<TraceRecord> visit) {
    Optional<TraceId> after = Optional.empty();
    while (true) {
      List<TraceId> page = traces.findByUserIdHash(tenant, user, after, settings.batchSize());
      if (page.isEmpty()) {
        return;
      }
      for (TraceId id : page) {
        traces.get(tenant, id).ifPresent(visit);
      }
      after = Optional.of(page.get(page.size() - 1));
    }
  }

  /** Target-tenant rule (spec 06): another or unknown tenant looks like one that does not exist. */
  private void requireTargetTenant(Principal principal, TenantId tenant) {
    boolean own = principal.tenantId().equals(tenant);
    if (!own && !principal.can(Permission.ADMIN_TENANTS)) {
      throw new OvpoException(ErrorCode.NOT_FOUND, "tenant not found");
    }
    if (!own && tenants.get(tenant).isEmpty()) {
      throw new OvpoException(ErrorCode.NOT_FOUND, "tenant not found");
    }
  }

  static Map<String, String> details(Tombstone t) {
    return Map.of(
        "reason", t.reason(),
        "trace_count", Integer.toString(t.traceCount()),
        "held_count", Integer.toString(t.heldCount()));
  }

  static Tombstone withState(Tombstone t, DeletionState state) {
    return new Tombstone(
        t.deletionId(),
        t.tenantId(),
        t.deletedAt(),
        t.deletedBy(),
        t.reason(),
        t.userIdHash(),
        t.traceCount(),
        t.heldCount(),
        state);
  }
}
