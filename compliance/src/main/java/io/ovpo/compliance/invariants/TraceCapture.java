package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one trace: its final state (absent when only its items were seen), its
 * spans (merged per span_id) and its frame events (one per event_id).
 *
 * @param traceId the trace
 * @param trace the trace's final state; a server view carries {@code reported_status} too
 * @param spans the spans
 * @param events the frame events
 * @param source where it came from, for messages ({@code server}, a file name)
 */
public record TraceCapture(
    String traceId,
    Optional<JsonNode> trace,
    List<JsonNode> spans,
    List<Observation> events,
    String source) {
  public TraceCapture {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(trace, "trace");
    spans = List.copyOf(spans);
    events = List.copyOf(events);
    Objects.requireNonNull(source, "source");
  }
}
