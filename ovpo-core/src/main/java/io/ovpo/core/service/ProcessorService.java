package io.ovpo.core.service;

import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.dedupe.DedupeKeys;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.PoisonMessageException;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.in.ReconcileUseCase;
import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The processor (DESIGN.md section 5): applies envelopes at least once safely and keeps terminal
 * traces' verdicts up to date.
 *
 * <p>Per trace of an envelope, under a per-trace lock: items of deleted traces are dropped; items
 * whose dedupe key was seen are skipped; the rest are written (trace lifecycle with
 * compare-and-set, span fill-in merge, frame events and manifests first-write-wins); then the
 * verdict is recomputed at once when a trace state of a terminal trace came in, or the trace is
 * marked for reconciliation when other items came for a terminal or not yet stored trace. Dedupe
 * keys are remembered last, so a crash anywhere before leads to an idempotent redo, never a loss.
 */
public final class ProcessorService implements ProcessEnvelopeUseCase, ReconcileUseCase {
  private final TraceStore traces;
  private final TombstoneStore tombstones;
  private final ReconciliationStore reconciliation;
  private final TenantStore tenants;
  private final ItemCodec codec;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final ProcessorSettings settings;
  private final LockStripes locks;
  private final TraceItemsApplier applier;
  private final VerdictUpdater verdicts;
  private final ResurrectionGuard guard;
  private final TraceViewCache views;

  /**
   * @param settings reconcile delay, compare-and-set attempts, lock stripes, event page size; the
   *     apps use {@link ProcessorSettings#DEFAULT}
   * @param views the query views' cache (or {@link TraceViewCache#none()}), invalidated for every
   *     trace an envelope wrote to (trace records are invalidated by the store the apps wrap in
   *     {@link io.ovpo.core.cache.InvalidatingTraceStore}; spans, frame events and manifests here)
   */
  public ProcessorService(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      DedupeStore dedupe,
      TombstoneStore tombstones,
      ReconciliationStore reconciliation,
      TenantStore tenants,
      HardwareProfiles profiles,
      ItemCodec codec,
      Clock clock,
      MetricsRecorder metrics,
      ProcessorSettings settings,
      TraceViewCache views) {
    this.views = Objects.requireNonNull(views, "views");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.tombstones = Objects.requireNonNull(tombstones, "tombstones");
    this.reconciliation = Objects.requireNonNull(reconciliation, "reconciliation");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.locks = new LockStripes(settings.lockStripes());
    TraceWriter writer = new TraceWriter(traces, clock, settings.casAttempts());
    this.applier =
        new TraceItemsApplier(
            writer,
            Objects.requireNonNull(spans, "spans"),
            Objects.requireNonNull(events, "events"),
            Objects.requireNonNull(artifacts, "artifacts"),
            Objects.requireNonNull(dedupe, "dedupe"),
            codec,
            metrics);
    this.guard = new ResurrectionGuard(tombstones, traces, spans, events, artifacts, metrics);
    this.verdicts =
        new VerdictUpdater(
            traces,
            spans,
            events,
            Objects.requireNonNull(profiles, "profiles"),
            clock,
            metrics,
            settings);
  }

  @Override
  public ProcessingResult process(Envelope envelope) {
    if (!Digests.sha256Hex(envelope.payload()).equals(envelope.contentHash())) {
      throw new PoisonMessageException("content_hash does not match the payload", null);
    }
    List<IngestItem> items;
    try {
      items = codec.decode(envelope.payload());
    } catch (IllegalArgumentException e) {
      throw new PoisonMessageException("payload cannot be decoded: " + e.getMessage(), e);
    }
    TenantId tenant = envelope.tenantId();
    Map<TraceId, List<IngestItem>> byTrace = new LinkedHashMap<>();
    items.forEach(i -> byTrace.computeIfAbsent(i.traceId(), t -> new ArrayList<>()).add(i));
    Counts counts = new Counts();
    try {
      if (byTrace.isEmpty()) {
        return counts.result();
      }
      TenantConfig config = config(tenant);
      Set<TraceId> deleted = tombstones.deletedAmong(tenant, byTrace.keySet());
      List<TraceId> written = new ArrayList<>();
      for (Map.Entry<TraceId, List<IngestItem>> group : byTrace.entrySet()) {
        if (deleted.contains(group.getKey())) {
          // A late redelivery must never resurrect a deleted trace.
          counts.ignored += group.getValue().size();
          metrics.increment("deleted_trace_items_total", group.getValue().size());
          continue;
        }
        locks.withLock(
            tenant,
            group.getKey(),
            () -> {
              processTrace(envelope, config, group.getKey(), group.getValue(), counts);
              return null;
            });
        written.add(group.getKey());
      }
      guard.eraseDeletedSince(tenant, written);
      return counts.result();
    } catch (StoreUnavailableException e) {
      metrics.increment("storage_write_errors_total", 1, "backend", e.backend());
      throw e;
    }
  }

  private void processTrace(
      Envelope envelope, TenantConfig config, TraceId traceId, List<IngestItem> items, Counts c) {
    TenantId tenant = envelope.tenantId();
    Instant now = clock.instant();
    TraceItemsApplier.Applied applied = applier.apply(envelope, config, items, now, c);
    if (applied.freshKeys().isEmpty()) {
      return;
    }
    if (applied.traceStateSeen()) {
      verdicts.recompute(tenant, traceId, config);
    } else if (applied.otherItemsSeen() && terminalOrAbsent(tenant, traceId)) {
      // Late items of a terminal trace, or items before their trace: settle, then recompute.
      reconciliation.mark(
          new DirtyTrace(tenant, traceId, now, now.plus(settings.reconcileDelay())));
    }
    // After every write of this trace, before its keys are remembered: a failure here nacks the
    // envelope, and the redelivery writes (idempotently) and invalidates again.
    views.invalidate(tenant, List.of(traceId));
    applier.remember(tenant, applied.freshKeys(), now.plus(DedupeKeys.WINDOW));
  }

  @Override
  public int reconcileDue(int max) {
    List<DirtyTrace> due = reconciliation.due(clock.instant(), max);
    int done = 0;
    for (DirtyTrace dirty : due) {
      TenantConfig config = config(dirty.tenantId());
      locks.withLock(
          dirty.tenantId(),
          dirty.traceId(),
          () -> verdicts.recompute(dirty.tenantId(), dirty.traceId(), config));
      // Spec 04 §7.2 rule 3: a trace not stored yet has orphans, kept for retention to expire
      // (08 §1); before done(), so a crash in between finds the mark and records it again.
      if (traces.get(dirty.tenantId(), dirty.traceId()).isPresent()) {
        reconciliation.forgetOrphan(dirty.tenantId(), dirty.traceId());
      } else {
        reconciliation.orphanSeen(dirty.tenantId(), dirty.traceId(), dirty.markedAt());
      }
      reconciliation.done(dirty);
      done++;
    }
    if (done > 0) {
      metrics.increment("traces_reconciled_total", done);
    }
    return done;
  }

  private boolean terminalOrAbsent(TenantId tenant, TraceId traceId) {
    return traces.get(tenant, traceId).map(r -> r.trace().status().isTerminal()).orElse(true);
  }

  private TenantConfig config(TenantId tenant) {
    return tenants.get(tenant).map(Tenant::config).orElse(TenantConfig.DEFAULT);
  }

  /** Running totals of one envelope. */
  static final class Counts {
    int stored;
    int duplicates;
    int ignored;
    int conflicts;

    ProcessingResult result() {
      return new ProcessingResult(stored, duplicates, ignored, conflicts);
    }
  }
}
