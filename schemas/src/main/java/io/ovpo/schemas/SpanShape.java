package io.ovpo.schemas;

import static io.ovpo.schemas.CommonShapes.attributes;
import static io.ovpo.schemas.CommonShapes.oneOf;
import static io.ovpo.schemas.CommonShapes.timestamp;
import static io.ovpo.schemas.CommonShapes.uuid;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code span.json} as plain checks, for the fast path ({@link FastValidity}): true only when the
 * schema certainly accepts the span.
 */
final class SpanShape {
  private SpanShape() {}

  static boolean valid(JsonNode data) {
    if (!data.isObject()) {
      return false;
    }
    JsonNode spanId = data.get("span_id");
    JsonNode traceId = data.get("trace_id");
    JsonNode kind = data.get("span_kind");
    JsonNode name = data.get("name");
    JsonNode start = data.get("start_time");
    if (spanId == null || traceId == null || kind == null || name == null || start == null) {
      return false;
    }
    if (!uuid(spanId)
        || !uuid(traceId)
        || !oneOf(
            kind,
            "LOAD",
            "TEXT_ENCODE",
            "SAMPLING",
            "DECODE",
            "OUTPUT_ENCODE",
            "UPSCALE",
            "INTERPOLATE",
            "SAFETY_CHECK",
            "CUSTOM")
        // minLength 1, maxLength 256 (code points; a UTF-16 length in range implies it)
        || !name.isTextual()
        || name.textValue().isEmpty()
        || name.textValue().length() > 256
        || !timestamp(start)) {
      return false;
    }
    int known = 5;
    JsonNode parent = data.get("parent_span_id");
    if (parent != null) {
      if (!uuid(parent)) {
        return false;
      }
      known++;
    }
    JsonNode end = data.get("end_time");
    if (end != null) {
      if (!timestamp(end)) {
        return false;
      }
      known++;
    }
    JsonNode status = data.get("status");
    if (status != null) {
      if (!oneOf(status, "OK", "ERROR", "UNSET")) {
        return false;
      }
      known++;
    }
    JsonNode attributes = data.get("attributes");
    if (attributes != null) {
      if (!attributes(attributes)) {
        return false;
      }
      known++;
    }
    // additionalProperties: false
    return data.size() == known;
  }
}
