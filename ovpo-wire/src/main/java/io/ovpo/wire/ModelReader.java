package io.ovpo.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the v0.08 ingest entities (the {@code data} of a batch item) into model records.
 *
 * <p>Every failure is a {@link WireValueException} whose pointer locates the value: under {@link
 * #DATA} by default ({@code /data/pipeline_config/hardware/gpu_count}), or under the base pointer
 * given. A wrong shape (missing field, wrong JSON type, bad timestamp or enum) is a
 * SCHEMA_VIOLATION; a model rule refusing a well-shaped value (a record constructor's {@code
 * InvalidValueException}, e.g. {@code ended_at} before {@code started_at}) is a SEMANTIC_VIOLATION.
 * Unknown fields are ignored: the schema is where closed objects are enforced.
 */
public final class ModelReader {
  /** Base pointer of an item's entity: pointers are relative to the item, as in the receipt. */
  public static final String DATA = "/data";

  private ModelReader() {}

  /** The entity an item of {@code type} carries, pointers under {@code /data}. */
  public static IngestItem item(ItemType type, JsonNode data) {
    return item(type, data, DATA);
  }

  public static IngestItem item(ItemType type, JsonNode data, String base) {
    return switch (type) {
      case TRACE -> new IngestItem.TraceItem(trace(data, base));
      case SPAN -> new IngestItem.SpanItem(span(data, base));
      case FRAME_EVENT -> new IngestItem.FrameEventItem(frameEvent(data, base));
      case ARTIFACT_MANIFEST -> new IngestItem.ManifestItem(manifest(data, base));
    };
  }

  public static Trace trace(JsonNode data) {
    return trace(data, DATA);
  }

  public static Trace trace(JsonNode data, String base) {
    JsonFields f = JsonFields.of(data, base);
    TraceId traceId = f.id("trace_id", TraceId::new);
    TraceStatus status = f.enumValue("status", TraceStatus.class);
    var createdAt = f.instant("created_at");
    var startedAt = f.optInstant("started_at");
    var endedAt = f.optInstant("ended_at");
    Optional<PipelineConfig> config = f.optObject("pipeline_config").map(c -> config(c, base));
    Optional<String> configRef = f.optText("pipeline_config_ref");
    Optional<String> promptHash = f.optText("prompt_hash");
    Optional<String> userIdHash = f.optText("user_id_hash");
    Tags tags = tags(f);
    Attributes attributes = attributes(f);
    Optional<Failure> failure = f.optObject("failure").map(o -> failure(o, base));
    var expectedFrames = f.optInt("expected_frames");
    boolean legalHold = f.optBool("legal_hold", false);
    return Pointers.build(
        base,
        () ->
            new Trace(
                traceId,
                status,
                createdAt,
                startedAt,
                endedAt,
                config,
                configRef,
                promptHash,
                userIdHash,
                tags,
                attributes,
                failure,
                expectedFrames,
                legalHold));
  }

  private static PipelineConfig config(JsonFields c, String base) {
    JsonFields hw = c.object("hardware");
    String gpuType = hw.text("gpu_type");
    int gpuCount = hw.intValue("gpu_count");
    Hardware hardware = Pointers.build(base, () -> new Hardware(gpuType, gpuCount));
    var modelName = c.text("model_name");
    var modelVersion = c.optText("model_version");
    int width = c.intValue("width");
    int height = c.intValue("height");
    double fps = c.doubleValue("fps");
    int numFrames = c.intValue("num_frames");
    var steps = c.optInt("steps");
    var guidance = c.optDouble("guidance_scale");
    var seed = c.optLong("seed");
    var scheduler = c.optText("scheduler");
    return Pointers.build(
        base,
        () ->
            new PipelineConfig(
                modelName,
                modelVersion,
                width,
                height,
                fps,
                numFrames,
                steps,
                guidance,
                seed,
                scheduler,
                hardware));
  }

  private static Failure failure(JsonFields o, String base) {
    FailureCode code = o.enumValue("code", FailureCode.class);
    String message = o.text("message");
    Optional<SpanId> spanId = o.optId("span_id", SpanId::new);
    boolean retryable = o.bool("retryable");
    return Pointers.build(base, () -> new Failure(code, message, spanId, retryable));
  }

  public static Span span(JsonNode data) {
    return span(data, DATA);
  }

  public static Span span(JsonNode data, String base) {
    JsonFields f = JsonFields.of(data, base);
    SpanId spanId = f.id("span_id", SpanId::new);
    TraceId traceId = f.id("trace_id", TraceId::new);
    Optional<SpanId> parent = f.optId("parent_span_id", SpanId::new);
    SpanKind kind = f.enumValue("span_kind", SpanKind.class);
    String name = f.text("name");
    var start = f.instant("start_time");
    var end = f.optInstant("end_time");
    SpanStatus status = f.optEnum("status", SpanStatus.class).orElse(SpanStatus.UNSET);
    Attributes attributes = attributes(f);
    return Pointers.build(
        base, () -> new Span(spanId, traceId, parent, kind, name, start, end, status, attributes));
  }

  public static FrameEvent frameEvent(JsonNode data) {
    return frameEvent(data, DATA);
  }

  public static FrameEvent frameEvent(JsonNode data, String base) {
    JsonFields f = JsonFields.of(data, base);
    EventId eventId = f.id("event_id", EventId::new);
    TraceId traceId = f.id("trace_id", TraceId::new);
    Optional<SpanId> spanId = f.optId("span_id", SpanId::new);
    EventType type = f.enumValue("event_type", EventType.class);
    long frameIndex = f.longValue("frame_index");
    long mediaTime = f.longValue("media_time_ms");
    var observedAt = f.instant("observed_at");
    QualityMetrics metrics = qualityMetrics(f, base);
    Optional<GpuSample> gpu = f.optObject("gpu").map(g -> gpu(g, base));
    Optional<ArtifactRef> thumbnail =
        f.opt("thumbnail").map(t -> artifactRef(t, f.pointer("thumbnail")));
    Attributes attributes = attributes(f);
    return Pointers.build(
        base,
        () ->
            new FrameEvent(
                eventId,
                traceId,
                spanId,
                type,
                frameIndex,
                mediaTime,
                observedAt,
                metrics,
                gpu,
                thumbnail,
                attributes));
  }

  private static QualityMetrics qualityMetrics(JsonFields f, String base) {
    Optional<JsonFields> q = f.optObject("quality_metrics");
    if (q.isEmpty()) {
      return QualityMetrics.empty();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : q.get().entries()) {
      values.put(e.getKey(), q.get().doubleValue(e.getKey()));
    }
    return Pointers.build(base, () -> new QualityMetrics(values));
  }

  private static GpuSample gpu(JsonFields g, String base) {
    double vram = g.doubleValue("vram_used_mb");
    double util = g.doubleValue("gpu_utilization_pct");
    var temperature = g.optDouble("temperature_c");
    return Pointers.build(base, () -> new GpuSample(vram, util, temperature));
  }

  /** An artifact reference (manifest entry or thumbnail) at {@code pointer}. */
  public static ArtifactRef artifactRef(JsonNode node, String pointer) {
    JsonFields f = JsonFields.of(node, pointer);
    ArtifactId id = f.id("artifact_id", ArtifactId::new);
    ArtifactKind kind = f.enumValue("kind", ArtifactKind.class);
    String uri = f.text("uri");
    String contentType = f.text("content_type");
    long size = f.longValue("size_bytes");
    Optional<String> sha256 = f.optText("sha256");
    var ttl = f.optInt("ttl_hours");
    return Pointers.build(
        pointer, () -> new ArtifactRef(id, kind, uri, contentType, size, sha256, ttl));
  }

  public static ArtifactManifest manifest(JsonNode data) {
    return manifest(data, DATA);
  }

  public static ArtifactManifest manifest(JsonNode data, String base) {
    JsonFields f = JsonFields.of(data, base);
    ManifestId manifestId = f.id("manifest_id", ManifestId::new);
    TraceId traceId = f.id("trace_id", TraceId::new);
    JsonNode list = f.array("artifacts");
    List<ArtifactRef> artifacts = new ArrayList<>(list.size());
    String listPointer = f.pointer("artifacts");
    Map<ArtifactId, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String p = Pointers.child(listPointer, i);
      ArtifactRef ref = artifactRef(list.get(i), p);
      Integer first = seen.putIfAbsent(ref.artifactId(), i);
      if (first != null) {
        // Spec 01 §6: the error names the second entry's artifact_id.
        throw new WireValueException(
            ErrorCode.SEMANTIC_VIOLATION,
            Pointers.child(p, "artifact_id"),
            "repeats the artifact_id of " + Pointers.child(listPointer, first));
      }
      artifacts.add(ref);
    }
    return Pointers.build(base, () -> new ArtifactManifest(manifestId, traceId, artifacts));
  }

  /** The {@code tags} of an entity object; empty when absent. */
  static Tags tags(JsonFields f) {
    Optional<JsonFields> t = f.optObject("tags");
    if (t.isEmpty()) {
      return Tags.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    t.get().entries().forEach(e -> values.put(e.getKey(), t.get().text(e.getKey())));
    return Pointers.build(f.pointer(), () -> new Tags(values));
  }

  /** The {@code attributes} of an entity object; empty when absent. */
  static Attributes attributes(JsonFields f) {
    Optional<JsonFields> a = f.optObject("attributes");
    if (a.isEmpty()) {
      return Attributes.empty();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    JsonFields owner = a.get();
    for (Map.Entry<String, JsonNode> e : owner.entries()) {
      values.put(e.getKey(), attributeValue(e.getValue(), owner, e.getKey()));
    }
    return Pointers.build(f.pointer(), () -> new Attributes(values));
  }

  /** An attribute's value; pointers are built only for an error. */
  private static Object attributeValue(JsonNode v, JsonFields owner, String key) {
    if (v.isArray()) {
      List<Object> list = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (e.isContainerNode()) {
          throw JsonFields.shape(
              Pointers.child(owner.pointer(key), i), "must be a string, a number or a boolean");
        }
        Object scalar = scalar(e);
        if (scalar == null) {
          throw JsonFields.shape(Pointers.child(owner.pointer(key), i), NOT_AN_ATTRIBUTE_VALUE);
        }
        list.add(scalar);
      }
      return list;
    }
    Object scalar = scalar(v);
    if (scalar == null) {
      throw JsonFields.shape(owner.pointer(key), NOT_AN_ATTRIBUTE_VALUE);
    }
    return scalar;
  }

  private static final String NOT_AN_ATTRIBUTE_VALUE =
      "must be a string, a number, a boolean or an array of those";

  /** A string, boolean or number as the attribute model holds it; null for anything else. */
  private static Object scalar(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return JsonFields.number(v);
    }
    return null;
  }
}
