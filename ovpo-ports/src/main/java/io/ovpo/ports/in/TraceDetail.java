package io.ovpo.ports.in;

import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TraceRecord;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one trace: spans by start_time, frame events by frame_index then observed_at
 * (one page of them), artifacts of all its manifests, and the computed summary.
 */
public record TraceDetail(
    TraceRecord trace,
    List<Span> spans,
    List<StoredFrameEvent> frameEvents,
    Optional<String> nextEventsCursor,
    List<ArtifactRef> artifacts,
    TraceSummary summary) {
  public TraceDetail {
    spans = List.copyOf(spans);
    frameEvents = List.copyOf(frameEvents);
    artifacts = List.copyOf(artifacts);
  }
}
