package io.ovpo.core.service;

import io.ovpo.core.cost.ComputeUnits;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.frames.FrameChecks;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out a terminal trace's verdict from everything stored for it: frame checks over all its
 * events, the effective status (PARTIAL over a reported COMPLETED) and compute units with the
 * tenant's hardware profile. A pure function of the stored data, so recomputing is idempotent; the
 * record is written only when the verdict changed.
 */
final class VerdictUpdater {
  private static final System.Logger LOG = System.getLogger(VerdictUpdater.class.getName());

  private final TraceStore traces;
  private final SpanStore spans;
  private final FrameEventStore events;
  private final HardwareProfiles profiles;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final ProcessorSettings settings;

  VerdictUpdater(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      HardwareProfiles profiles,
      Clock clock,
      MetricsRecorder metrics,
      ProcessorSettings settings) {
    this.traces = traces;
    this.spans = spans;
    this.events = events;
    this.profiles = profiles;
    this.clock = clock;
    this.metrics = metrics;
    this.settings = settings;
  }

  /** Recomputes when the trace is stored and terminal; true when the record changed. */
  boolean recompute(TenantId tenant, TraceId traceId, TenantConfig config) {
    for (int attempt = 0; attempt < settings.casAttempts(); attempt++) {
      Optional<TraceRecord> current = traces.get(tenant, traceId);
      if (current.isEmpty() || !current.get().trace().status().isTerminal()) {
        return false;
      }
      TraceRecord r = current.get();
      // Once retention removed the frame events, the stored verdict stands (spec 04 §7.2 rule 5):
      // recomputing it from the empty remainder would invent missing frames.
      Completeness completeness =
          r.frameEventsExpired()
              ? r.completeness()
              : FrameChecks.check(r.trace(), allEvents(tenant, traceId));
      TraceStatus status =
          r.frameEventsExpired()
              ? r.status()
              : FrameChecks.effectiveStatus(r.trace(), completeness);
      List<Span> traceSpans = spans.byTrace(tenant, traceId);
      Optional<ComputeCost> cost =
          ComputeUnits.compute(profiles.get(config.hardwareProfile()), r.trace(), traceSpans);
      if (status == r.status() && completeness.equals(r.completeness()) && cost.equals(r.cost())) {
        return false;
      }
      TraceRecord next =
          new TraceRecord(
              tenant,
              r.trace(),
              status,
              completeness,
              cost,
              r.firstReceivedAt(),
              clock.instant(),
              r.version() + 1,
              r.retainedFrameStats());
      if (traces.put(next, r.version())) {
        if (status == TraceStatus.PARTIAL && r.status() != TraceStatus.PARTIAL) {
          metrics.increment("traces_partial_total", 1);
          LOG.log(
              System.Logger.Level.INFO,
              "trace {0} of tenant {1} is PARTIAL: {2} reason(s)",
              traceId,
              tenant,
              completeness.reasons().size());
        }
        return true;
      }
    }
    throw new StoreUnavailableException(
        "trace-store", "verdict of trace " + traceId + " kept changing concurrently", null);
  }

  private List<StoredFrameEvent> allEvents(TenantId tenant, TraceId traceId) {
    List<StoredFrameEvent> all = new ArrayList<>();
    Optional<EventPageKey> after = Optional.empty();
    while (true) {
      List<StoredFrameEvent> page =
          events.byTrace(tenant, traceId, after, settings.eventPageSize());
      all.addAll(page);
      if (page.size() < settings.eventPageSize()) {
        return all;
      }
      after = Optional.of(EventPageKey.after(page.get(page.size() - 1).event()));
    }
  }
}
