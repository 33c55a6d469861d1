package io.ovpo.ports.in;

import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TraceRecord;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one trace: spans by start_time, frame events by frame_index then observed_at
 * (one page of them), artifacts of all its manifests (manifests in the order first stored, entries
 * in manifest order, each artifact_id once with the first manifest that listed it), and the
 * computed summary.
 */
public record TraceDetail(
    TraceRecord trace,
    List<Span> spans,
    List<StoredFrameEvent> frameEvents,
    Optional<String> nextEventsCursor,
    List<StoredArtifact> artifacts,
    TraceSummary summary) {
  public TraceDetail {
    spans = List.copyOf(spans);
    frameEvents = List.copyOf(frameEvents);
    artifacts = List.copyOf(artifacts);
  }
}
