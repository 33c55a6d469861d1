package io.ovpo.core.service;

import io.ovpo.core.lifecycle.LifecycleDecision;
import io.ovpo.core.lifecycle.TraceLifecycle;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies one client trace state under the lifecycle rules with compare-and-set. A new record gets
 * the reported status and the tenant's default legal hold; an update keeps the processor's verdict
 * (completeness, cost, a PARTIAL over a still-reported COMPLETED) until it is recomputed.
 */
final class TraceWriter {
  enum Outcome {
    STORED,
    UNCHANGED,
    IGNORED,
    CONFLICT
  }

  private final TraceStore traces;
  private final Clock clock;
  private final int casAttempts;

  TraceWriter(TraceStore traces, Clock clock, int casAttempts) {
    this.traces = traces;
    this.clock = clock;
    this.casAttempts = casAttempts;
  }

  Outcome apply(TenantId tenant, Trace incoming, Instant receivedAt, TenantConfig config) {
    for (int attempt = 0; attempt < casAttempts; attempt++) {
      Optional<TraceRecord> current = traces.get(tenant, incoming.traceId());
      Optional<Trace> state = current.map(TraceRecord::trace);
      LifecycleDecision decision = TraceLifecycle.decide(state, incoming);
      switch (decision) {
        case NO_OP:
          return Outcome.UNCHANGED;
        case IGNORE_REGRESSION:
          return Outcome.IGNORED;
        case REJECT_TERMINAL_CONFLICT:
          return Outcome.CONFLICT;
        default:
          break;
      }
      Trace merged = TraceLifecycle.merge(state, incoming);
      TraceRecord next =
          current.isPresent()
              ? updated(current.get(), merged)
              : created(tenant, merged, receivedAt, config);
      if (traces.put(next, current.map(TraceRecord::version).orElse(0L))) {
        return Outcome.STORED;
      }
    }
    throw new StoreUnavailableException(
        "trace-store", "trace " + incoming.traceId() + " kept changing concurrently", null);
  }

  private TraceRecord created(
      TenantId tenant, Trace trace, Instant receivedAt, TenantConfig config) {
    Trace held = config.defaultLegalHold() ? trace.withLegalHold(true) : trace;
    return new TraceRecord(
        tenant,
        held,
        held.status(),
        Completeness.complete(),
        Optional.empty(),
        receivedAt,
        clock.instant(),
        1);
  }

  private TraceRecord updated(TraceRecord current, Trace merged) {
    TraceStatus status =
        merged.status() == TraceStatus.COMPLETED && current.status() == TraceStatus.PARTIAL
            ? TraceStatus.PARTIAL
            : merged.status();
    return new TraceRecord(
        current.tenantId(),
        merged,
        status,
        current.completeness(),
        current.cost(),
        current.firstReceivedAt(),
        clock.instant(),
        current.version() + 1,
        current.retainedFrameStats());
  }
}
