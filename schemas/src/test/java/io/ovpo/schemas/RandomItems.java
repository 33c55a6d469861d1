package io.ovpo.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random valid frame_event and span items, drawn toward the schema's boundaries, and random
 * mutations of them (a value replaced by a tricky one, a field removed or added). Items are
 * serialized and parsed again so their number nodes are what the collector's parser makes.
 */
final class RandomItems {
  private static final String[] EVENT_TYPES = {
    "FRAME_GENERATED", "FRAME_DECODED", "FRAME_ERROR", "GPU_SAMPLE"
  };
  private static final String[] SPAN_KINDS = {
    "LOAD",
    "TEXT_ENCODE",
    "SAMPLING",
    "DECODE",
    "OUTPUT_ENCODE",
    "UPSCALE",
    "INTERPOLATE",
    "SAFETY_CHECK",
    "CUSTOM"
  };

  /**
   * Values a mutation puts in place of another, as JSON text: wrong types, bounds and one past
   * them, non-finite and huge numbers, near-miss ids, timestamps and keys.
   */
  static final List<String> TRICKY =
      List.of(
          "null",
          "true",
          "false",
          "\"\"",
          "\"x\"",
          "{}",
          "[]",
          "[1]",
          "[[1]]",
          "[{}]",
          "[null]",
          "0",
          "-0",
          "-0.0",
          "1",
          "-1",
          "0.5",
          "1.0",
          "1.5",
          "-1.0000000000000002",
          "1.0000000000000002",
          "10",
          "10.000000000000002",
          "100",
          "100.00000000000001",
          "150",
          "150.00000000000003",
          "-50",
          "-50.00000000000001",
          "87600",
          "87601",
          "10000000",
          "10000001",
          "9007199254740992",
          "9007199254740993",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "1e308",
          "1.7976931348623157e308",
          "1.7976931348623159e308",
          "1e400",
          "-1e400",
          "2e-400",
          "5e-324",
          "3.0",
          "123456789012345678901234567890",
          "\"3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b\"",
          "\"3F2B8C1E-9A4D-4E2F-8B7A-1C2D3E4F5A6B\"",
          "\"3f2b8c1e-9a4d-5e2f-8b7a-1c2d3e4f5a6b\"",
          "\"3f2b8c1e-9a4d-4e2f-cb7a-1c2d3e4f5a6b\"",
          "\"3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b\\n\"",
          "\"3f2b8c1e9a4d4e2f8b7a1c2d3e4f5a6b\"",
          "\"2025-03-01T12:00:00.000Z\"",
          "\"2025-03-01T12:00:00Z\"",
          "\"2025-02-29T12:00:00.000Z\"",
          "\"2024-02-29T12:00:00.000Z\"",
          "\"1900-02-29T00:00:00.000Z\"",
          "\"2000-02-29T23:59:59.999Z\"",
          "\"2016-12-31T23:59:60.000Z\"",
          "\"2025-03-01T24:00:00.000Z\"",
          "\"2025-03-01T12:00:00.000z\"",
          "\"2025-03-01 12:00:00.000Z\"",
          "\"2025-03-01T12:00:00.000+00:00\"",
          "\"0000-01-01T00:00:00.000Z\"",
          "\"9999-12-31T23:59:59.999Z\"",
          "\"2025-13-01T00:00:00.000Z\"",
          "\"2025-04-31T00:00:00.000Z\"",
          "\"2025-03-01T12:00:00.000Z\\n\"",
          "\"\uff12025-03-01T12:00:00.000Z\"",
          "\"FRAME_GENERATED\"",
          "\"frame_generated\"",
          "\"SAMPLING\"",
          "\"OK\"",
          "\"UNSET\"",
          "\"VIDEO\"",
          "\"s3://bucket/key.png\"",
          "\"ovpo://a\"",
          "\"https://x/y\"",
          "\"s3://bucket/a b\"",
          "\"s3://\"",
          "\"video/mp4\"",
          "\"video/mp4; codecs=avc1\"",
          "\"video\"",
          "\"a/b\\n\"",
          "\"\\u00e9/x\"",
          "\"" + "a".repeat(64) + "\"",
          "\"" + "a".repeat(65) + "\"",
          "\"" + "x".repeat(256) + "\"",
          "\"" + "x".repeat(257) + "\"",
          "\"" + "\\ud83c\\udfac".repeat(200) + "\"",
          "\"" + "x".repeat(4096) + "\"",
          "\"" + "x".repeat(4097) + "\"",
          "{\"custom.a\":1}",
          "{\"custom.a\":null}",
          "{\"ovpo.\":1}",
          "{\"clip_similarity\":2}",
          "{\"vram_used_mb\":1,\"gpu_utilization_pct\":2}",
          "{\"artifact_id\":\"3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b\",\"kind\":\"THUMBNAIL\","
              + "\"uri\":\"ovpo://t.png\",\"content_type\":\"image/png\",\"size_bytes\":1}");

  /** Keys a mutation adds: unknown ones, near misses of known ones, and valid open-map keys. */
  static final List<String> KEYS =
      List.of(
          "x",
          "event_id",
          "span_id",
          "trace_id",
          "status",
          "end_time",
          "parent_span_id",
          "tenant_id",
          "Frame_index",
          "custom.x",
          "ovpo.y",
          "custom.",
          "custom.a b",
          "ovpox.a",
          "a",
          "z9_",
          "A",
          "1a",
          "a".repeat(64),
          "a".repeat(65),
          "custom." + "a".repeat(123),
          "custom." + "a".repeat(124),
          "temperature_c",
          "sha256",
          "ttl_hours",
          "");

  private final Random r;

  RandomItems(Random random) {
    this.r = random;
  }

  // ---- valid items ----

  ObjectNode frameEventItem() {
    ObjectNode e = Examples.JSON.createObjectNode();
    e.put("event_id", uuid());
    e.put("trace_id", uuid());
    if (r.nextBoolean()) {
      e.put("span_id", uuid());
    }
    e.put("event_type", pick(EVENT_TYPES));
    e.put("frame_index", boundedLong(0, 10_000_000));
    e.put("media_time_ms", boundedLong(0, 9_007_199_254_740_992L));
    e.put("observed_at", timestamp());
    if (r.nextInt(4) > 0) {
      ObjectNode q = e.putObject("quality_metrics");
      if (r.nextBoolean()) {
        q.put("clip_similarity", number(-1, 1));
      }
      if (r.nextBoolean()) {
        q.put("aesthetic_score", number(0, 10));
      }
      if (r.nextBoolean()) {
        q.put("temporal_consistency", number(0, 1));
      }
      int extra = r.nextInt(5) == 0 ? 32 - q.size() : r.nextInt(4);
      for (int i = 0; i < extra; i++) {
        q.put(metricName(), number(-1e300, 1e300));
      }
    }
    if (r.nextInt(4) > 0) {
      ObjectNode g = e.putObject("gpu");
      g.put("vram_used_mb", number(0, 1e12));
      g.put("gpu_utilization_pct", number(0, 100));
      if (r.nextBoolean()) {
        g.put("temperature_c", number(-50, 150));
      }
    }
    if (r.nextInt(5) == 0) {
      e.set("thumbnail", artifactRef());
    }
    if (r.nextInt(4) == 0) {
      e.set("attributes", attributes());
    }
    return item("frame_event", e);
  }

  ObjectNode spanItem() {
    ObjectNode s = Examples.JSON.createObjectNode();
    s.put("span_id", uuid());
    s.put("trace_id", uuid());
    if (r.nextBoolean()) {
      s.put("parent_span_id", uuid());
    }
    s.put("span_kind", pick(SPAN_KINDS));
    s.put("name", text(1 + r.nextInt(r.nextInt(10) == 0 ? 256 : 20)));
    s.put("start_time", timestamp());
    if (r.nextBoolean()) {
      s.put("end_time", timestamp());
    }
    if (r.nextBoolean()) {
      s.put("status", pick(new String[] {"OK", "ERROR", "UNSET"}));
    }
    if (r.nextInt(3) == 0) {
      s.set("attributes", attributes());
    }
    return item("span", s);
  }

  ObjectNode anyItem() {
    return r.nextBoolean() ? frameEventItem() : spanItem();
  }

  private ObjectNode item(String type, ObjectNode data) {
    ObjectNode i = Examples.JSON.createObjectNode();
    i.put("item_type", type);
    i.set("data", data);
    return (ObjectNode) reparse(i);
  }

  private ObjectNode artifactRef() {
    ObjectNode a = Examples.JSON.createObjectNode();
    a.put("artifact_id", uuid());
    a.put("kind", pick(new String[] {"VIDEO", "THUMBNAIL", "FRAME", "LATENT", "LOG"}));
    a.put("uri", (r.nextBoolean() ? "s3://" : "ovpo://") + visibleAscii(1 + r.nextInt(60)));
    a.put("content_type", r.nextBoolean() ? "image/png" : "video/mp4;codecs=avc1.64001f");
    a.put("size_bytes", boundedLong(0, Long.MAX_VALUE));
    if (r.nextBoolean()) {
      a.put("sha256", hex(64));
    }
    if (r.nextBoolean()) {
      a.put("ttl_hours", boundedLong(1, 87_600));
    }
    return a;
  }

  private ObjectNode attributes() {
    ObjectNode a = Examples.JSON.createObjectNode();
    int n = r.nextInt(20) == 0 ? 128 : r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String key =
          (r.nextBoolean() ? "ovpo." : "custom.")
              + keyChars(1 + r.nextInt(r.nextInt(10) == 0 ? 123 : 12));
      switch (r.nextInt(5)) {
        case 0 -> a.put(key, text(r.nextInt(r.nextInt(20) == 0 ? 4097 : 30)));
        case 1 -> a.put(key, r.nextBoolean());
        case 2 -> a.put(key, boundedLong(Long.MIN_VALUE, Long.MAX_VALUE));
        case 3 -> a.put(key, number(-1e308, 1e308));
        default -> {
          ArrayNode list = a.putArray(key);
          int m = r.nextInt(20) == 0 ? 128 : r.nextInt(4);
          for (int j = 0; j < m; j++) {
            if (r.nextBoolean()) {
              list.add(text(r.nextInt(8)));
            } else {
              list.add(number(-5, 5));
            }
          }
        }
      }
    }
    return a;
  }

  // ---- mutations ----

  /** A copy of the item with one random change somewhere in its tree. */
  JsonNode mutate(JsonNode item) {
    JsonNode copy = item.deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(copy, containers);
    JsonNode target = containers.get(r.nextInt(containers.size()));
    int kind = r.nextInt(10);
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (kind == 0 && !names.isEmpty()) {
        o.remove(names.get(r.nextInt(names.size())));
      } else if (kind == 1 || names.isEmpty()) {
        o.set(pick(KEYS), tricky());
      } else {
        o.set(names.get(r.nextInt(names.size())), tricky());
      }
    } else if (target instanceof ArrayNode a) {
      if (kind == 0 && !a.isEmpty()) {
        a.remove(r.nextInt(a.size()));
      } else if (kind == 1 || a.isEmpty()) {
        a.add(tricky());
      } else {
        a.set(r.nextInt(a.size()), tricky());
      }
    }
    return reparse(copy);
  }

  private static void collectContainers(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (JsonNode child : node) {
        collectContainers(child, out);
      }
    }
  }

  private JsonNode tricky() {
    return parse(TRICKY.get(r.nextInt(TRICKY.size())));
  }

  // ---- values ----

  String uuid() {
    String variant = "89ab";
    return hex(8)
        + "-"
        + hex(4)
        + "-4"
        + hex(3)
        + "-"
        + variant.charAt(r.nextInt(4))
        + hex(3)
        + "-"
        + hex(12);
  }

  /** A valid timestamp, any year 0000..9999, often on a month's last day or Feb 29. */
  String timestamp() {
    int year = r.nextInt(3) == 0 ? r.nextInt(10_000) : 1990 + r.nextInt(60);
    int month = 1 + r.nextInt(12);
    int days = java.time.YearMonth.of(year, month).lengthOfMonth();
    int day = r.nextBoolean() ? days : 1 + r.nextInt(days);
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
        year,
        month,
        day,
        r.nextInt(24),
        r.nextInt(60),
        r.nextInt(60),
        r.nextInt(1000));
  }

  /**
   * Any string of the timestamp shape with fields drawn past their ranges too (day 0..31, hour
   * 0..24, second 0..60), so both verdicts occur.
   */
  String timestampShaped() {
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
        r.nextInt(3) == 0 ? r.nextInt(10_000) : 1896 + r.nextInt(210),
        r.nextInt(14),
        r.nextInt(32),
        r.nextInt(25),
        r.nextInt(61),
        r.nextInt(8) == 0 ? 60 : r.nextInt(61),
        r.nextInt(1000));
  }

  private long boundedLong(long min, long max) {
    return switch (r.nextInt(4)) {
      case 0 -> min;
      case 1 -> max;
      default -> min + (long) (r.nextDouble() * ((double) max - (double) min)) / 2;
    };
  }

  private JsonNode number(double min, double max) {
    double v =
        switch (r.nextInt(6)) {
          case 0 -> min;
          case 1 -> max;
          case 2 -> Math.nextUp(min) <= max ? Math.nextUp(min) : min;
          case 3 -> Math.nextDown(max) >= min ? Math.nextDown(max) : max;
          default -> min + r.nextDouble() * (max - min);
        };
    if (r.nextInt(3) == 0 && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Examples.JSON.getNodeFactory().numberNode((long) v);
    }
    return Examples.JSON.getNodeFactory().numberNode(v);
  }

  private String metricName() {
    StringBuilder sb = new StringBuilder().append((char) ('a' + r.nextInt(26)));
    int n = r.nextInt(10) == 0 ? 63 : r.nextInt(12);
    String rest = "abcdefghijklmnopqrstuvwxyz0123456789_";
    for (int i = 0; i < n; i++) {
      sb.append(rest.charAt(r.nextInt(rest.length())));
    }
    return sb.toString();
  }

  private String keyChars(int n) {
    String chars = "ABCXYZabcxyz0189_.-";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }

  /** Text of n characters, sometimes with non-ASCII, quotes and escapes. */
  private String text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(20);
      sb.append(
          k == 0
              ? 'é'
              : k == 1 ? '"' : k == 2 ? '\\' : k == 3 ? '\n' : (char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private String visibleAscii(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) (0x21 + r.nextInt(0x7E - 0x21 + 1)));
    }
    return sb.toString();
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return sb.toString();
  }

  private <T> T pick(T[] values) {
    return values[r.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  static JsonNode parse(String json) {
    try {
      return Examples.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static JsonNode reparse(JsonNode node) {
    try {
      return Examples.JSON.readTree(Examples.JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
