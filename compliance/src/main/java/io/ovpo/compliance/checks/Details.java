package io.ovpo.compliance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading a trace detail (spec 05 §4) the way checks need it. */
final class Details {
  private Details() {}

  static String status(JsonNode detail) {
    return detail.path("trace").path("status").asText();
  }

  static String reported(JsonNode detail) {
    return detail.path("trace").path("reported_status").asText();
  }

  static JsonNode completeness(JsonNode detail) {
    return detail.path("summary").path("completeness");
  }

  /** The codes of the verdict's reasons, in order. */
  static List<String> reasonCodes(JsonNode detail) {
    List<String> codes = new ArrayList<>();
    completeness(detail).path("reasons").forEach(r -> codes.add(r.path("code").asText()));
    return codes;
  }

  /** The first reason with {@code code}. */
  static Optional<JsonNode> reason(JsonNode detail, String code) {
    for (JsonNode r : completeness(detail).path("reasons")) {
      if (code.equals(r.path("code").asText())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  static Optional<JsonNode> span(JsonNode detail, String spanId) {
    for (JsonNode s : detail.path("spans")) {
      if (spanId.equals(s.path("span_id").asText())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static List<JsonNode> events(JsonNode detail) {
    List<JsonNode> out = new ArrayList<>();
    detail.path("frame_events").forEach(out::add);
    return out;
  }

  static int eventCount(JsonNode detail) {
    return detail.path("summary").path("event_count").asInt(-1);
  }

  static int frameCount(JsonNode detail) {
    return detail.path("summary").path("frame_count").asInt(-1);
  }

  /** True once reconciliation stored compute units (the trace needs an ended span). */
  static boolean reconciled(JsonNode detail) {
    return detail.path("summary").path("compute_units").isNumber();
  }

  static List<String> ids(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
