package io.ovpo.core.service;

import io.ovpo.core.retention.ManagedStorage;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hard-deletes whole traces from every store (spec 08 §2 rules 2 and 4, §5 rule 2), for retention
 * and user deletion alike. First the traces join the deleted-trace set, so an item still in flight
 * cannot bring them back; then their managed artifact objects go, then spans, frame events and
 * manifests, and the trace record last: a crash at any point leaves the record, by which the next
 * attempt finds the trace again and finishes. A trace whose object could not be deleted keeps its
 * data for the next attempt (its object would otherwise be orphaned for ever).
 */
final class TraceEraser {
  private static final System.Logger LOG = System.getLogger(TraceEraser.class.getName());

  /**
   * @param erased traces whose data is gone
   * @param failed traces kept for the next attempt because an object deletion failed
   */
  record Result(List<TraceId> erased, List<TraceId> failed, DeletedCounts counts) {}

  private final TraceStore traces;
  private final SpanStore spans;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final ObjectStore objects;
  private final TombstoneStore tombstones;
  private final ManagedStorage managed;

  TraceEraser(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      ObjectStore objects,
      TombstoneStore tombstones,
      ManagedStorage managed) {
    this.traces = traces;
    this.spans = spans;
    this.events = events;
    this.artifacts = artifacts;
    this.objects = objects;
    this.tombstones = tombstones;
    this.managed = managed;
  }

  Result erase(TenantId tenant, DeletionId deletion, List<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return new Result(List.of(), List.of(), DeletedCounts.NONE);
    }
    tombstones.markDeleted(tenant, deletion, traceIds);
    ObjectDeletion gone = deleteObjects(tenant, traceIds);
    if (gone.ready().isEmpty()) {
      return new Result(List.of(), gone.failed(), DeletedCounts.NONE);
    }
    List<TraceId> ready = gone.ready();
    long spanCount = spans.deleteByTraces(tenant, ready);
    long eventCount = events.deleteByTraces(tenant, ready);
    artifacts.deleteByTraces(tenant, ready);
    long traceCount = traces.delete(tenant, ready);
    return new Result(
        ready,
        gone.failed(),
        new DeletedCounts(traceCount, spanCount, eventCount, gone.count(), 0, 0));
  }

  /**
   * Deletes the items of traces that are not stored (orphans, spec 04 §7.1): managed objects first,
   * then spans, frame events and manifests, counted as {@code orphans} (the objects as {@code
   * artifacts}). The traces do not join the deleted-trace set: a trace that arrives later is new
   * data. Idempotent; a trace whose object could not be deleted keeps its items for the next run.
   */
  Result eraseOrphans(TenantId tenant, List<TraceId> traceIds) {
    ObjectDeletion gone = deleteObjects(tenant, traceIds);
    List<TraceId> ready = gone.ready();
    if (ready.isEmpty()) {
      return new Result(List.of(), gone.failed(), DeletedCounts.NONE);
    }
    long items =
        spans.deleteByTraces(tenant, ready)
            + events.deleteByTraces(tenant, ready)
            + artifacts.deleteByTraces(tenant, ready);
    return new Result(ready, gone.failed(), new DeletedCounts(0, 0, 0, gone.count(), items, 0));
  }

  /** Traces whose objects are gone, those whose deletion failed, and how many objects went. */
  private record ObjectDeletion(List<TraceId> ready, List<TraceId> failed, long count) {}

  private ObjectDeletion deleteObjects(TenantId tenant, List<TraceId> traceIds) {
    List<TraceId> ready = new ArrayList<>();
    List<TraceId> failed = new ArrayList<>();
    long objectsDeleted = 0;
    for (TraceId id : traceIds) {
      try {
        objectsDeleted += deleteObjects(tenant, id);
        ready.add(id);
      } catch (RuntimeException e) {
        failed.add(id);
        LOG.log(
            System.Logger.Level.WARNING,
            "object of trace {0} of tenant {1} not deleted (retried later): {2}",
            id,
            tenant,
            e.toString());
      }
    }
    return new ObjectDeletion(ready, failed, objectsDeleted);
  }

  /** Deletes the trace's managed objects, each key once; returns how many were there. */
  private long deleteObjects(TenantId tenant, TraceId traceId) {
    Set<String> keys = new LinkedHashSet<>();
    for (ArtifactManifest m : artifacts.byTrace(tenant, traceId)) {
      for (ArtifactRef ref : m.artifacts()) {
        Optional<String> key = managed.objectKey(ref);
        key.ifPresent(keys::add);
      }
    }
    long n = 0;
    for (String key : keys) {
      if (objects.delete(key)) {
        n++;
      }
    }
    return n;
  }
}
