package io.ovpo.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** JSON of a trace record's structured columns. */
final class TraceJson {
  private TraceJson() {}

  static String pipelineConfig(PipelineConfig c) {
    ObjectNode o = Json.object();
    o.put("model_name", c.modelName());
    Json.put(o, "model_version", c.modelVersion());
    o.put("width", c.width());
    o.put("height", c.height());
    o.set("fps", Json.number(c.fps()));
    o.put("num_frames", c.numFrames());
    Json.put(o, "steps", c.steps());
    Json.put(o, "guidance_scale", c.guidanceScale());
    Json.put(o, "seed", c.seed());
    Json.put(o, "scheduler", c.scheduler());
    ObjectNode hw = o.putObject("hardware");
    hw.put("gpu_type", c.hardware().gpuType());
    hw.put("gpu_count", c.hardware().gpuCount());
    return Json.write(o);
  }

  static PipelineConfig pipelineConfig(String json) {
    JsonNode o = Json.read(json);
    JsonNode hw = o.get("hardware");
    return new PipelineConfig(
        o.get("model_name").asText(),
        Json.optText(o, "model_version"),
        o.get("width").asInt(),
        o.get("height").asInt(),
        o.get("fps").asDouble(),
        o.get("num_frames").asInt(),
        Json.optInt(o, "steps"),
        Json.optDouble(o, "guidance_scale"),
        Json.optLong(o, "seed"),
        Json.optText(o, "scheduler"),
        new Hardware(hw.get("gpu_type").asText(), hw.get("gpu_count").asInt()));
  }

  static String failure(Failure f) {
    ObjectNode o = Json.object();
    o.put("code", f.code().name());
    o.put("message", f.message());
    Json.put(o, "span_id", f.spanId().map(SpanId::value));
    o.put("retryable", f.retryable());
    return Json.write(o);
  }

  static Failure failure(String json) {
    JsonNode o = Json.read(json);
    return new Failure(
        FailureCode.valueOf(o.get("code").asText()),
        o.get("message").asText(),
        Json.optText(o, "span_id").map(SpanId::of),
        o.get("retryable").asBoolean());
  }

  static String completeness(Completeness c) {
    ObjectNode o = Json.object();
    ArrayNode reasons = o.putArray("reasons");
    for (PartialReason r : c.reasons()) {
      ObjectNode n = reasons.addObject();
      n.put("code", r.code().name());
      n.put("message", r.message());
      Json.put(n, "event_type", r.eventType().map(EventType::name));
      Json.put(n, "frame_index", r.frameIndex());
      Json.put(n, "event_id", r.eventId().map(EventId::value));
    }
    ArrayNode ranges = o.putArray("missing_frames");
    for (FrameRange r : c.missingFrames()) {
      ranges.addObject().put("first", r.first()).put("last", r.last());
    }
    o.put("truncated", c.truncated());
    return Json.write(o);
  }

  static Completeness completeness(String json) {
    JsonNode o = Json.read(json);
    List<PartialReason> reasons = new ArrayList<>();
    for (JsonNode n : o.get("reasons")) {
      reasons.add(
          new PartialReason(
              PartialReasonCode.valueOf(n.get("code").asText()),
              n.get("message").asText(),
              Json.optText(n, "event_type").map(EventType::valueOf),
              Json.optLong(n, "frame_index"),
              Json.optText(n, "event_id").map(EventId::of)));
    }
    List<FrameRange> ranges = new ArrayList<>();
    for (JsonNode n : o.get("missing_frames")) {
      ranges.add(new FrameRange(n.get("first").asLong(), n.get("last").asLong()));
    }
    return new Completeness(reasons, ranges, o.get("truncated").asBoolean());
  }

  static String cost(ComputeCost c) {
    ObjectNode o = Json.object();
    o.set("compute_units", Json.number(c.computeUnits()));
    ObjectNode kinds = o.putObject("by_span_kind");
    c.bySpanKind().forEach((k, v) -> kinds.set(k.name(), Json.number(v)));
    o.put("profile_name", c.profileName());
    o.put("profile_version", c.profileVersion());
    return Json.write(o);
  }

  static ComputeCost cost(String json) {
    JsonNode o = Json.read(json);
    Map<SpanKind, Double> kinds = new EnumMap<>(SpanKind.class);
    o.get("by_span_kind")
        .properties()
        .forEach(e -> kinds.put(SpanKind.valueOf(e.getKey()), e.getValue().asDouble()));
    return new ComputeCost(
        o.get("compute_units").asDouble(),
        kinds,
        o.get("profile_name").asText(),
        o.get("profile_version").asText());
  }

  static String frameStats(FrameEventStats s) {
    ObjectNode o = Json.object();
    o.put("event_count", s.eventCount());
    ObjectNode types = o.putObject("distinct_frames_by_type");
    s.distinctFramesByType().forEach((k, v) -> types.put(k.name(), v));
    Json.put(o, "peak_vram_mb", s.peakVramMb());
    Json.put(o, "avg_gpu_utilization_pct", s.avgGpuUtilizationPct());
    Json.put(o, "first_observed_at", s.firstObservedAt().map(Instant::toString));
    Json.put(o, "last_observed_at", s.lastObservedAt().map(Instant::toString));
    ObjectNode media = o.putObject("media_time_by_type");
    s.mediaTimeByType()
        .forEach(
            (k, r) -> media.putObject(k.name()).put("min_ms", r.minMs()).put("max_ms", r.maxMs()));
    return Json.write(o);
  }

  static FrameEventStats frameStats(String json) {
    JsonNode o = Json.read(json);
    Map<EventType, Long> types = new EnumMap<>(EventType.class);
    o.get("distinct_frames_by_type")
        .properties()
        .forEach(e -> types.put(EventType.valueOf(e.getKey()), e.getValue().asLong()));
    // Absent in aggregates kept before media-time ranges existed.
    Map<EventType, FrameEventStats.MediaTimeRange> media = new EnumMap<>(EventType.class);
    if (o.has("media_time_by_type")) {
      o.get("media_time_by_type")
          .properties()
          .forEach(
              e ->
                  media.put(
                      EventType.valueOf(e.getKey()),
                      new FrameEventStats.MediaTimeRange(
                          e.getValue().get("min_ms").asLong(),
                          e.getValue().get("max_ms").asLong())));
    }
    return new FrameEventStats(
        o.get("event_count").asLong(),
        types,
        Json.optDouble(o, "peak_vram_mb"),
        Json.optDouble(o, "avg_gpu_utilization_pct"),
        Json.optText(o, "first_observed_at").map(Instant::parse),
        Json.optText(o, "last_observed_at").map(Instant::parse),
        media);
  }
}
