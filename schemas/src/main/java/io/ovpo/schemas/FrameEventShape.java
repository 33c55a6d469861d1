package io.ovpo.schemas;

import static io.ovpo.schemas.CommonShapes.attributes;
import static io.ovpo.schemas.CommonShapes.finiteNumber;
import static io.ovpo.schemas.CommonShapes.integerIn;
import static io.ovpo.schemas.CommonShapes.numberIn;
import static io.ovpo.schemas.CommonShapes.oneOf;
import static io.ovpo.schemas.CommonShapes.timestamp;
import static io.ovpo.schemas.CommonShapes.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code frame_event.json} as plain checks, for the fast path ({@link FastValidity}): true only
 * when the schema certainly accepts the event.
 */
final class FrameEventShape {
  private FrameEventShape() {}

  static boolean valid(JsonNode data) {
    if (!data.isObject()) {
      return false;
    }
    // One pass over the members: each must be a known one (additionalProperties: false) with a
    // valid value, and the six required ones must be among them.
    int required = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      boolean ok =
          switch (name) {
            case "event_id", "trace_id" -> uuid(v);
            case "event_type" ->
                oneOf(v, "FRAME_GENERATED", "FRAME_DECODED", "FRAME_ERROR", "GPU_SAMPLE");
            case "frame_index" -> integerIn(v, 0, 10_000_000);
            case "media_time_ms" -> integerIn(v, 0, 9_007_199_254_740_992L);
            case "observed_at" -> timestamp(v);
            case "span_id" -> uuid(v);
            case "quality_metrics" -> qualityMetrics(v);
            case "gpu" -> gpuSample(v);
            case "thumbnail" -> CommonShapes.artifactRef(v);
            case "attributes" -> attributes(v);
            default -> false;
          };
      if (!ok) {
        return false;
      }
      if (isRequired(name)) {
        required++;
      }
    }
    // An object node holds each name once, so six required names seen means all six are there.
    return required == 6;
  }

  private static boolean isRequired(String name) {
    return switch (name) {
      case "event_id", "trace_id", "event_type", "frame_index", "media_time_ms", "observed_at" ->
          true;
      default -> false;
    };
  }

  /**
   * At most 32 names matching {@code ^[a-z][a-z0-9_]{0,63}$}, three of them with fixed ranges, the
   * others finite numbers.
   */
  private static boolean qualityMetrics(JsonNode n) {
    if (!n.isObject() || n.size() > 32) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (!metricName(name)) {
        return false;
      }
      boolean ok =
          switch (name) {
            case "clip_similarity" -> numberIn(v, -1, 1);
            case "aesthetic_score" -> numberIn(v, 0, 10);
            case "temporal_consistency" -> numberIn(v, 0, 1);
            default -> finiteNumber(v);
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean metricName(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    char first = s.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Closed: vram_used_mb (finite, >= 0) and gpu_utilization_pct required, temperature_c. */
  private static boolean gpuSample(JsonNode n) {
    if (!n.isObject()) {
      return false;
    }
    JsonNode vram = n.get("vram_used_mb");
    JsonNode util = n.get("gpu_utilization_pct");
    if (vram == null || util == null) {
      return false;
    }
    if (!numberIn(vram, 0, CommonShapes.MAX_FINITE)) {
      return false;
    }
    if (!numberIn(util, 0, 100)) {
      return false;
    }
    int known = 2;
    JsonNode temperature = n.get("temperature_c");
    if (temperature != null) {
      if (!numberIn(temperature, -50, 150)) {
        return false;
      }
      known++;
    }
    return n.size() == known;
  }
}
