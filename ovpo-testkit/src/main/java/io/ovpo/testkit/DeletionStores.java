package io.ovpo.testkit;

import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.util.Objects;

/**
 * The stores a deletion touches, for {@link DeletionContract}: an adapter's test passes its own
 * stores, and a single-port adapter (a frame-event store, say) passes the in-memory ones for the
 * rest.
 */
public record DeletionStores(
    TraceStore traces,
    SpanStore spans,
    FrameEventStore frameEvents,
    ArtifactStore artifacts,
    TombstoneStore tombstones) {
  public DeletionStores {
    Objects.requireNonNull(traces, "traces");
    Objects.requireNonNull(spans, "spans");
    Objects.requireNonNull(frameEvents, "frameEvents");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(tombstones, "tombstones");
  }
}
