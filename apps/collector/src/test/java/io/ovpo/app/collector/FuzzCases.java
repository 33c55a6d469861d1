package io.ovpo.app.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random and mutated ingest requests for the fuzz test. Structured mutations break one rule of an
 * item while keeping its id, so the test knows that item must never reach the queue.
 */
final class FuzzCases {
  /** One request: headers that vary, the body, and what is known about it. */
  record Case(
      String kind,
      byte[] body,
      boolean gzip,
      String contentType,
      String idempotencyKey,
      int itemCount,
      Set<String> invalidIds) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] IDEMPOTENCY_POOL = {"fz-1", "fz-2", "fz-3"};

  private final Random random;
  private final Fixtures fx;

  FuzzCases(long seed) {
    this.random = new Random(seed);
    this.fx = new Fixtures(seed);
  }

  Case next() {
    int roll = random.nextInt(100);
    if (roll < 25) {
      List<ObjectNode> items = validItems(1 + random.nextInt(30));
      return structured("valid", items, Set.of());
    }
    if (roll < 50) {
      List<ObjectNode> items = validItems(1 + random.nextInt(20));
      Set<String> invalid = new HashSet<>();
      List<ObjectNode> shuffled = new ArrayList<>(items);
      java.util.Collections.shuffle(shuffled, random);
      int broken = 1 + random.nextInt(Math.min(3, items.size()));
      for (ObjectNode item : shuffled.subList(0, broken)) {
        invalid.add(breakItem(item));
      }
      return structured("mutated", items, invalid);
    }
    if (roll < 65) {
      byte[] body = Batches.body(validItems(1 + random.nextInt(10)));
      return raw("bytes", flipBytes(body));
    }
    if (roll < 72) {
      byte[] body = Batches.body(validItems(1 + random.nextInt(10)));
      return raw("truncated", java.util.Arrays.copyOf(body, random.nextInt(body.length)));
    }
    if (roll < 85) {
      if (random.nextInt(10) == 0) {
        int depth = 60 + random.nextInt(20);
        return raw(
            "deep",
            ("{\"items\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8));
      }
      return raw("junk", WireJson.toBytes(junkBatch()));
    }
    if (roll < 92) {
      byte[] body = Batches.body(validItems(1 + random.nextInt(5)));
      String type =
          new String[] {"text/plain", "application/xml", "application/json; charset=utf-16", "*/*"}
              [random.nextInt(4)];
      return new Case("content-type", body, false, type, null, -1, Set.of());
    }
    if (roll < 96) {
      byte[] body = Batches.body(validItems(1 + random.nextInt(5)));
      if (random.nextBoolean()) {
        body = Batches.body(validItems(1));
      }
      return new Case(
          "idempotency",
          body,
          false,
          "application/json",
          IDEMPOTENCY_POOL[random.nextInt(IDEMPOTENCY_POOL.length)],
          -1,
          Set.of());
    }
    byte[] corrupt = Batches.gzip(Batches.body(validItems(3)));
    corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));
    return new Case("gzip-corrupt", corrupt, true, "application/json", null, -1, Set.of());
  }

  private Case structured(String kind, List<ObjectNode> items, Set<String> invalid) {
    byte[] body = Batches.body(items);
    boolean gzip = random.nextInt(5) == 0;
    return new Case(
        kind,
        gzip ? Batches.gzip(body) : body,
        gzip,
        "application/json",
        null,
        items.size(),
        invalid);
  }

  private Case raw(String kind, byte[] body) {
    return new Case(kind, body, false, "application/json", null, -1, Set.of());
  }

  /** Items of up to three traces, every type. */
  List<ObjectNode> validItems(int n) {
    List<TraceId> traces = List.of(fx.traceId(), fx.traceId(), fx.traceId());
    List<ObjectNode> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TraceId t = traces.get(random.nextInt(traces.size()));
      IngestItem item =
          switch (random.nextInt(6)) {
            case 0 ->
                // A trace's id is not unique per item (state updates share it): a fresh one per
                // trace item keeps "this item was broken on purpose" decidable from the id.
                new IngestItem.TraceItem(
                    fx.trace()
                        .id(fx.traceId())
                        .status(TraceStatus.values()[random.nextInt(TraceStatus.values().length)])
                        .build());
            case 1 ->
                new IngestItem.SpanItem(
                    fx.span(t)
                        .kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
                        .durationMs(random.nextInt(100_000))
                        .build());
            case 2 -> new IngestItem.ManifestItem(fx.manifest(t).build());
            default ->
                new IngestItem.FrameEventItem(
                    fx.event(t)
                        .frame(random.nextInt(10_000))
                        .gpu(random.nextInt(80_000), random.nextInt(101))
                        .build());
          };
      out.add(Batches.node(item));
    }
    return out;
  }

  /** Breaks one rule of the item in place; returns {@code <item_type>:<id>}. */
  String breakItem(ObjectNode item) {
    String type = item.get("item_type").asText();
    ObjectNode data = (ObjectNode) item.get("data");
    String idField =
        switch (ItemType.fromWire(type).orElseThrow()) {
          case TRACE -> "trace_id";
          case SPAN -> "span_id";
          case FRAME_EVENT -> "event_id";
          case ARTIFACT_MANIFEST -> "manifest_id";
        };
    String id = data.get(idField).asText();
    switch (random.nextInt(6)) {
      case 0 -> data.put("unexpected_member", 1);
      case 1 -> data.put(timestampField(type), "2026-13-45T25:61:00.000Z");
      case 2 -> data.put(timestampField(type), "yesterday");
      case 3 -> data.set(timestampField(type), JSON.arrayNode());
      case 4 -> {
        switch (type) {
          case "trace" -> data.put("status", "DONE");
          case "span" -> data.put("end_time", "2001-01-01T00:00:00.000Z"); // before start: semantic
          case "frame_event" -> data.put("frame_index", -1 - random.nextInt(5));
          default -> data.putArray("artifacts");
        }
      }
      default -> item.put("item_type", type.toUpperCase(java.util.Locale.ROOT));
    }
    return type + ":" + id;
  }

  private static String timestampField(String type) {
    return switch (type) {
      case "trace" -> "created_at";
      case "span" -> "start_time";
      case "frame_event" -> "observed_at";
      default -> "manifest_id"; // a manifest has no timestamp; break its id format instead
    };
  }

  private byte[] flipBytes(byte[] body) {
    byte[] out = body.clone();
    int edits = 1 + random.nextInt(5);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(out.length);
      out[at] =
          switch (random.nextInt(4)) {
            case 0 -> (byte) random.nextInt(256);
            case 1 -> (byte) "{}[]\",:0-e".charAt(random.nextInt(10));
            case 2 -> (byte) (out[at] ^ (1 << random.nextInt(8)));
            default -> (byte) ' ';
          };
    }
    return out;
  }

  private JsonNode junkBatch() {
    if (random.nextInt(4) == 0) {
      return junk(0);
    }
    ObjectNode root = JSON.objectNode();
    ArrayNode items = root.putArray("items");
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        ObjectNode item = items.addObject();
        item.put(
            "item_type", new String[] {"trace", "span", "frame_event", "x"}[random.nextInt(4)]);
        item.set("data", junk(1));
      } else {
        items.add(junk(1));
      }
    }
    return root;
  }

  private JsonNode junk(int depth) {
    int roll = depth > 6 ? random.nextInt(5) : random.nextInt(8);
    return switch (roll) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.booleanNode(random.nextBoolean());
      case 2 -> JSON.numberNode(random.nextLong());
      case 3 -> JSON.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
      case 4 -> JSON.textNode(randomText());
      case 5, 6 -> {
        ObjectNode o = JSON.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          o.set(randomText(), junk(depth + 1));
        }
        yield o;
      }
      default -> {
        ArrayNode a = JSON.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          a.add(junk(depth + 1));
        }
        yield a;
      }
    };
  }

  private String randomText() {
    int n = random.nextInt(12);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(
          random.nextInt(4) == 0
              ? (char) (0x80 + random.nextInt(0x2000))
              : (char) (0x20 + random.nextInt(0x5F)));
    }
    return sb.toString();
  }
}
