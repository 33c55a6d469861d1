package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Items;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built captures for the invariant tests: T0 + milliseconds everywhere. */
final class Traces {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  final String traceId = Items.id();
  ObjectNode trace = new Items("test").trace(traceId, "COMPLETED", T0);
  final List<ObjectNode> spans = new ArrayList<>();
  final List<Observation> events = new ArrayList<>();

  static Instant at(long ms) {
    return T0.plusMillis(ms);
  }

  ObjectNode span(long startMs, Long endMs, String parentId) {
    ObjectNode s = Items.span(traceId, "CUSTOM", at(startMs), endMs == null ? null : at(endMs));
    if (parentId != null) {
      s.put("parent_span_id", parentId);
    }
    spans.add(s);
    return s;
  }

  ObjectNode frame(String type, int index, long mediaMs, long observedMs, Long receivedMs) {
    ObjectNode e = Items.frame(traceId, type, index, mediaMs, at(observedMs));
    events.add(
        new Observation(e, receivedMs == null ? Optional.empty() : Optional.of(at(receivedMs))));
    return e;
  }

  ObjectNode frame(int index, long observedMs) {
    return frame("FRAME_GENERATED", index, index * 40L, observedMs, null);
  }

  /** A well-formed trace: root span, two children inside it, 4 frames, expected_frames 4. */
  static Traces good() {
    Traces t = new Traces();
    t.trace.put("expected_frames", 4);
    String root = t.span(1_000, 20_000L, null).path("span_id").asText();
    t.span(1_000, 5_000L, root);
    t.span(5_000, 20_000L, root);
    for (int i = 0; i < 4; i++) {
      t.frame(i, 10_000 + 40L * i).put("span_id", root);
    }
    return t;
  }

  TraceCapture capture() {
    return new TraceCapture(
        traceId, Optional.ofNullable(trace), List.copyOf(spans), List.copyOf(events), "test");
  }

  static ObjectNode json() {
    return JsonNodeFactory.instance.objectNode();
  }
}
