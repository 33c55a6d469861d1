package io.ovpo.schemas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Small valid entities to start a test from. */
final class Fixtures {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String TRACE_ID = "0b7e6a52-3c1d-4f7a-9e2b-5d8c4a1f6e30";

  private Fixtures() {}

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  static ObjectNode trace() {
    ObjectNode t = F.objectNode();
    t.put("trace_id", TRACE_ID);
    t.put("status", "RUNNING");
    t.put("created_at", "2025-03-01T12:00:00.000Z");
    t.put("pipeline_config_ref", "default");
    return t;
  }

  static ObjectNode pipelineConfig() {
    ObjectNode c = F.objectNode();
    c.put("model_name", "wan2.1-t2v");
    c.put("width", 1280);
    c.put("height", 720);
    c.put("fps", 24);
    c.put("num_frames", 48);
    ObjectNode hw = c.putObject("hardware");
    hw.put("gpu_type", "H100-80GB");
    hw.put("gpu_count", 1);
    return c;
  }

  static ObjectNode failure() {
    ObjectNode f = F.objectNode();
    f.put("code", "OOM");
    f.put("message", "CUDA out of memory");
    f.put("retryable", true);
    return f;
  }

  static ObjectNode span() {
    ObjectNode s = F.objectNode();
    s.put("span_id", uuid());
    s.put("trace_id", TRACE_ID);
    s.put("span_kind", "SAMPLING");
    s.put("name", "denoise");
    s.put("start_time", "2025-03-01T12:00:01.000Z");
    return s;
  }

  static ObjectNode frameEvent() {
    ObjectNode e = F.objectNode();
    e.put("event_id", uuid());
    e.put("trace_id", TRACE_ID);
    e.put("event_type", "FRAME_GENERATED");
    e.put("frame_index", 0);
    e.put("media_time_ms", 0);
    e.put("observed_at", "2025-03-01T12:00:02.000Z");
    return e;
  }

  static ObjectNode manifest() {
    ObjectNode m = F.objectNode();
    m.put("manifest_id", uuid());
    m.put("trace_id", TRACE_ID);
    ObjectNode a = m.putArray("artifacts").addObject();
    a.put("artifact_id", uuid());
    a.put("kind", "VIDEO");
    a.put("uri", "s3://bucket/out.mp4");
    a.put("content_type", "video/mp4");
    a.put("size_bytes", 1024);
    return m;
  }

  static ObjectNode item(String itemType, ObjectNode data) {
    ObjectNode i = F.objectNode();
    i.put("item_type", itemType);
    i.set("data", data);
    return i;
  }

  static ObjectNode batch(ObjectNode... items) {
    ObjectNode b = F.objectNode();
    ArrayNode array = b.putArray("items");
    for (ObjectNode i : items) {
      array.add(i);
    }
    return b;
  }
}
