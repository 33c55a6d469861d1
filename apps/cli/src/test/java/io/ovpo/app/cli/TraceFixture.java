package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.wire.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * A finished video job as an ingest body: a COMPLETED trace, a root span with LOAD, TEXT_ENCODE,
 * SAMPLING and DECODE under it, one FRAME_GENERATED event per frame with quality and GPU figures,
 * and a manifest with the video. Times lie in the last minute, so time filters and bottlenecks see
 * it; every id is fresh.
 */
final class TraceFixture {
  static final String USER_HASH = "a".repeat(64);

  final String traceId = uuid();
  final String rootSpanId = uuid();
  final int frames;
  private final Instant t0 = Instant.now().minusSeconds(60);
  private final String tag;
  private final String userHash;

  TraceFixture(int frames, String tag) {
    this(frames, tag, USER_HASH);
  }

  TraceFixture(int frames, String tag, String userHash) {
    this.frames = frames;
    this.tag = tag;
    this.userHash = userHash;
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  /** The batch: trace, 5 spans, the frames, 1 manifest. */
  ObjectNode batch() {
    ObjectNode body = WireJson.object();
    ArrayNode items = body.putArray("items");
    items.add(item("trace", trace()));
    String[][] spans = {
      {"LOAD", "load weights", "1000", "5000"},
      {"TEXT_ENCODE", "encode prompt", "5000", "6000"},
      {"SAMPLING", "denoise 30 steps", "6000", "40000"},
      {"DECODE", "vae decode", "40000", "45000"}
    };
    items.add(item("span", span(rootSpanId, null, "CUSTOM", "pipeline", 500, 46000)));
    String sampling = null;
    for (String[] s : spans) {
      String id = uuid();
      if (s[0].equals("SAMPLING")) {
        sampling = id;
      }
      items.add(
          item(
              "span",
              span(id, rootSpanId, s[0], s[1], Long.parseLong(s[2]), Long.parseLong(s[3]))));
    }
    for (int i = 0; i < frames; i++) {
      ObjectNode e = WireJson.object();
      e.put("event_id", uuid());
      e.put("trace_id", traceId);
      e.put("span_id", sampling);
      e.put("event_type", "FRAME_GENERATED");
      e.put("frame_index", i);
      e.put("media_time_ms", i * 125L);
      e.put("observed_at", at(41000 + i * 100L));
      e.putObject("quality_metrics").put("clip_similarity", 0.3).put("aesthetic_score", 6.5);
      e.putObject("gpu").put("vram_used_mb", 40000 + i).put("gpu_utilization_pct", 90.5);
      items.add(item("frame_event", e));
    }
    ObjectNode m = WireJson.object();
    m.put("manifest_id", uuid());
    m.put("trace_id", traceId);
    m.putArray("artifacts")
        .addObject()
        .put("artifact_id", uuid())
        .put("kind", "VIDEO")
        .put("uri", "s3://videos/" + traceId + ".mp4")
        .put("content_type", "video/mp4")
        .put("size_bytes", 3_500_000);
    items.add(item("artifact_manifest", m));
    return body;
  }

  /** Writes the batch to a file in {@code dir}. */
  Path write(Path dir) throws IOException {
    Path f = dir.resolve("trace-" + traceId + ".json");
    Files.write(f, WireJson.toBytes(batch()));
    return f;
  }

  /** Number of items in the batch. */
  int itemCount() {
    return 1 + 5 + frames + 1;
  }

  private ObjectNode trace() {
    ObjectNode t = WireJson.object();
    t.put("trace_id", traceId);
    t.put("status", "COMPLETED");
    t.put("created_at", at(0));
    t.put("started_at", at(200));
    t.put("ended_at", at(46500));
    ObjectNode pc = t.putObject("pipeline_config");
    pc.put("model_name", "wan2.1-t2v");
    pc.put("model_version", "14b");
    pc.put("width", 1280);
    pc.put("height", 720);
    pc.put("fps", 8);
    pc.put("num_frames", frames);
    pc.putObject("hardware").put("gpu_type", "H100-80GB").put("gpu_count", 1);
    t.put("user_id_hash", userHash);
    t.putObject("tags").put("suite", tag).put("env", "test");
    t.put("expected_frames", frames);
    return t;
  }

  private ObjectNode span(String id, String parent, String kind, String name, long from, long to) {
    ObjectNode s = WireJson.object();
    s.put("span_id", id);
    s.put("trace_id", traceId);
    if (parent != null) {
      s.put("parent_span_id", parent);
    }
    s.put("span_kind", kind);
    s.put("name", name);
    s.put("start_time", at(from));
    s.put("end_time", at(to));
    s.put("status", "OK");
    return s;
  }

  private String at(long offsetMillis) {
    return WireJson.formatInstant(t0.plusMillis(offsetMillis));
  }

  private static ObjectNode item(String type, ObjectNode data) {
    ObjectNode i = WireJson.object();
    i.put("item_type", type);
    i.set("data", data);
    return i;
  }
}
