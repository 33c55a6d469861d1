package io.ovpo.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the four ingest entities and their parts exactly as spec section 4 names them: fixed key
 * order, optional fields omitted when absent, empty tags / attributes / quality metrics omitted.
 */
final class EntityJson {
  private EntityJson() {}

  static ObjectNode trace(Trace t) {
    ObjectNode o = WireJson.object();
    traceFields(o, t, t.status());
    return o;
  }

  /** The trace's fields into {@code o}, with {@code status} as the status to show. */
  static void traceFields(ObjectNode o, Trace t, TraceStatus status) {
    o.put("trace_id", t.traceId().value());
    o.put("status", status.wire());
    o.put("created_at", time(t.createdAt()));
    t.startedAt().ifPresent(v -> o.put("started_at", time(v)));
    t.endedAt().ifPresent(v -> o.put("ended_at", time(v)));
    t.pipelineConfig().ifPresent(c -> o.set("pipeline_config", pipelineConfig(c)));
    t.pipelineConfigRef().ifPresent(r -> o.put("pipeline_config_ref", r));
    t.promptHash().ifPresent(h -> o.put("prompt_hash", h));
    t.userIdHash().ifPresent(h -> o.put("user_id_hash", h));
    tags(o, t.tags());
    attributes(o, t.attributes());
    t.failure().ifPresent(f -> o.set("failure", failure(f)));
    t.expectedFrames().ifPresent(n -> o.put("expected_frames", n));
    o.put("legal_hold", t.legalHold());
  }

  static ObjectNode pipelineConfig(PipelineConfig c) {
    ObjectNode o = WireJson.object();
    o.put("model_name", c.modelName());
    c.modelVersion().ifPresent(v -> o.put("model_version", v));
    o.put("width", c.width());
    o.put("height", c.height());
    o.put("fps", c.fps());
    o.put("num_frames", c.numFrames());
    c.steps().ifPresent(v -> o.put("steps", v));
    c.guidanceScale().ifPresent(v -> o.put("guidance_scale", v));
    c.seed().ifPresent(v -> o.put("seed", v));
    c.scheduler().ifPresent(v -> o.put("scheduler", v));
    ObjectNode hw = o.putObject("hardware");
    hw.put("gpu_type", c.hardware().gpuType());
    hw.put("gpu_count", c.hardware().gpuCount());
    return o;
  }

  static ObjectNode failure(Failure f) {
    ObjectNode o = WireJson.object();
    o.put("code", f.code().name());
    o.put("message", f.message());
    f.spanId().ifPresent(s -> o.put("span_id", s.value()));
    o.put("retryable", f.retryable());
    return o;
  }

  static ObjectNode span(Span s) {
    ObjectNode o = WireJson.object();
    o.put("span_id", s.spanId().value());
    o.put("trace_id", s.traceId().value());
    s.parentSpanId().ifPresent(p -> o.put("parent_span_id", p.value()));
    o.put("span_kind", s.spanKind().name());
    o.put("name", s.name());
    o.put("start_time", time(s.startTime()));
    s.endTime().ifPresent(e -> o.put("end_time", time(e)));
    o.put("status", s.status().name());
    attributes(o, s.attributes());
    return o;
  }

  static ObjectNode frameEvent(FrameEvent e) {
    ObjectNode o = WireJson.object();
    o.put("event_id", e.eventId().value());
    o.put("trace_id", e.traceId().value());
    e.spanId().ifPresent(s -> o.put("span_id", s.value()));
    o.put("event_type", e.eventType().name());
    o.put("frame_index", e.frameIndex());
    o.put("media_time_ms", e.mediaTimeMs());
    o.put("observed_at", time(e.observedAt()));
    if (!e.qualityMetrics().isEmpty()) {
      ObjectNode q = o.putObject("quality_metrics");
      e.qualityMetrics().values().forEach(q::put);
    }
    e.gpu().ifPresent(g -> o.set("gpu", gpu(g)));
    e.thumbnail().ifPresent(t -> o.set("thumbnail", artifactRef(t)));
    attributes(o, e.attributes());
    return o;
  }

  static ObjectNode gpu(GpuSample g) {
    ObjectNode o = WireJson.object();
    o.put("vram_used_mb", g.vramUsedMb());
    o.put("gpu_utilization_pct", g.gpuUtilizationPct());
    g.temperatureC().ifPresent(t -> o.put("temperature_c", t));
    return o;
  }

  static ObjectNode artifactRef(ArtifactRef a) {
    ObjectNode o = WireJson.object();
    o.put("artifact_id", a.artifactId().value());
    o.put("kind", a.kind().name());
    o.put("uri", a.uri());
    o.put("content_type", a.contentType());
    o.put("size_bytes", a.sizeBytes());
    a.sha256().ifPresent(h -> o.put("sha256", h));
    a.ttlHours().ifPresent(h -> o.put("ttl_hours", h));
    return o;
  }

  static ObjectNode manifest(ArtifactManifest m) {
    ObjectNode o = WireJson.object();
    o.put("manifest_id", m.manifestId().value());
    o.put("trace_id", m.traceId().value());
    ArrayNode list = o.putArray("artifacts");
    m.artifacts().forEach(a -> list.add(artifactRef(a)));
    return o;
  }

  static void tags(ObjectNode o, Tags tags) {
    if (!tags.isEmpty()) {
      ObjectNode t = o.putObject("tags");
      tags.values().forEach(t::put);
    }
  }

  static void attributes(ObjectNode o, Attributes attributes) {
    if (!attributes.isEmpty()) {
      ObjectNode a = o.putObject("attributes");
      for (Map.Entry<String, Object> e : attributes.values().entrySet()) {
        if (e.getValue() instanceof List<?> list) {
          ArrayNode arr = a.putArray(e.getKey());
          list.forEach(v -> addScalar(arr, v));
        } else {
          putScalar(a, e.getKey(), e.getValue());
        }
      }
    }
  }

  private static void putScalar(ObjectNode o, String key, Object v) {
    if (v instanceof String s) {
      o.put(key, s);
    } else if (v instanceof Long l) {
      o.put(key, l);
    } else if (v instanceof Double d) {
      o.put(key, d);
    } else if (v instanceof Boolean b) {
      o.put(key, b);
    } else {
      throw new IllegalStateException("not an attribute scalar: " + v);
    }
  }

  private static void addScalar(ArrayNode a, Object v) {
    if (v instanceof String s) {
      a.add(s);
    } else if (v instanceof Long l) {
      a.add(l);
    } else if (v instanceof Double d) {
      a.add(d);
    } else if (v instanceof Boolean b) {
      a.add(b);
    } else {
      throw new IllegalStateException("not an attribute scalar: " + v);
    }
  }

  static String time(Instant t) {
    return WireJson.formatInstant(t);
  }

  static void optTime(ObjectNode o, String name, Optional<Instant> t) {
    t.ifPresent(v -> o.put(name, time(v)));
  }
}
