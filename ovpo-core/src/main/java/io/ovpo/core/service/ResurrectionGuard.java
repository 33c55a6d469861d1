package io.ovpo.core.service;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Closes the race between the processor and a deletion (spec 08 §6 rule 3). The processor drops
 * items of traces already in the deleted-trace set; but an item that passed that check can be
 * written just after a deletion marked its trace and erased the data. A deletion marks before it
 * erases, so checking again after writing sees every such mark: the late write is then erased here.
 * Objects are not touched: a late manifest's objects were never the deletion's.
 */
final class ResurrectionGuard {
  private final TombstoneStore tombstones;
  private final TraceStore traces;
  private final SpanStore spans;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final MetricsRecorder metrics;

  ResurrectionGuard(
      TombstoneStore tombstones,
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      MetricsRecorder metrics) {
    this.tombstones = tombstones;
    this.traces = traces;
    this.spans = spans;
    this.events = events;
    this.artifacts = artifacts;
    this.metrics = metrics;
  }

  /** After writing items of {@code written}: erases what was written for traces deleted since. */
  void eraseDeletedSince(TenantId tenant, Collection<TraceId> written) {
    if (written.isEmpty()) {
      return;
    }
    Set<TraceId> deleted = tombstones.deletedAmong(tenant, written);
    if (deleted.isEmpty()) {
      return;
    }
    List<TraceId> ids = List.copyOf(deleted);
    spans.deleteByTraces(tenant, ids);
    events.deleteByTraces(tenant, ids);
    artifacts.deleteByTraces(tenant, ids);
    traces.delete(tenant, ids);
    metrics.increment("deleted_trace_items_total", ids.size());
  }
}
