package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path of {@link SchemaValidator#validateItem} ({@link FastValidity}) against the JSON
 * Schema engine alone, over every example of schemas/v0.08/examples as an item, and over the
 * examples' values moved into frame events and spans: every result (verdict, pointers, codes,
 * keywords, messages) must be the same, the fast path must never prove valid what the engine
 * rejects, and it must prove valid every valid frame_event and span example.
 */
class FastPathDifferentialTest {
  static final SchemaValidator REFERENCE = SchemaValidator.referenceFromClasspath();

  /** Both results are equal; the fast path's claim holds; returns whether it proved validity. */
  static boolean assertSameResult(String what, JsonNode item) {
    ItemResult expected = REFERENCE.validateItem(7, item);
    ItemResult actual = Validators.CLASSPATH.validateItem(7, item);
    assertThat(actual).as(what).isEqualTo(expected);
    boolean proven = FastValidity.provesValid(item);
    if (proven) {
      assertThat(expected.errors()).as("fast path proved valid: %s %s", what, item).isEmpty();
    }
    return proven;
  }

  @Test
  void fastPath_isOnForTheShippedSchemas_andOffForTheReference() {
    assertThat(Validators.CLASSPATH.hasFastPath()).isTrue();
    assertThat(Validators.FILE_SYSTEM.hasFastPath()).isTrue();
    assertThat(REFERENCE.hasFastPath()).isFalse();
  }

  @Test
  void mirroredDigests_matchTheSchemaFiles_elseUpdateFastValidityWithTheSchema()
      throws IOException {
    for (Map.Entry<String, String> e : FastValidity.MIRRORED.entrySet()) {
      byte[] file = Files.readAllBytes(Examples.schemaDir().resolve(e.getKey()));
      assertThat(FastValidity.digest(file))
          .as(
              "%s changed: update FrameEventShape/SpanShape/CommonShapes and the digest",
              e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void changedSchema_switchesTheFastPathOff(@TempDir Path dir) throws IOException {
    for (Path schema : Examples.schemaFiles()) {
      Files.copy(schema, dir.resolve(schema.getFileName()));
    }
    Path events = dir.resolve("frame_event.json");
    Files.writeString(
        events, Files.readString(events).replace("\"maximum\": 10000000", "\"maximum\": 100"));

    SchemaValidator changed = SchemaValidator.fromDirectory(dir);

    assertThat(changed.hasFastPath()).isFalse();
    ObjectNode item = Fixtures.item("frame_event", Fixtures.frameEvent().put("frame_index", 500));
    assertThat(changed.validateItem(0, item).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.pointer()).isEqualTo("/data/frame_index"));
  }

  @Test
  void everyExample_asAnItem_getsTheEngineResult() {
    int compared = 0;
    int proven = 0;
    for (Path file : Examples.validFiles()) {
      for (JsonNode item : items(file, EntityType.detect(Examples.read(file)).orElseThrow())) {
        boolean p = assertSameResult(file.toString(), item);
        compared++;
        proven += p ? 1 : 0;
        String type = item.path("item_type").asText();
        if (type.equals("frame_event") || type.equals("span")) {
          assertThat(p).as("fast path should prove the valid example %s", file).isTrue();
        }
      }
    }
    for (Map.Entry<String, Examples.Expectation> e : Examples.expectations().entrySet()) {
      Path file = Examples.invalidDir().resolve(e.getKey());
      for (JsonNode item : items(file, e.getValue().type())) {
        assertSameResult(file.toString(), item);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(120);
    assertThat(proven).isGreaterThanOrEqualTo(5);
  }

  @Test
  void examplesValues_movedIntoFrameEventsAndSpans_getTheEngineResult() {
    int compared = 0;
    for (Path file : allExampleFiles()) {
      JsonNode doc = Examples.read(file);
      if (!doc.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> field : doc.properties()) {
        JsonNode value = field.getValue();
        for (String target : transplantTargets(field.getKey())) {
          ObjectNode event = Fixtures.frameEvent();
          event.set(target, value);
          assertSameResult(file + " " + field.getKey() + " as event " + target, wrap(event));
          ObjectNode span = Fixtures.span();
          span.set(target, value);
          assertSameResult(file + " " + field.getKey() + " as span " + target, wrap(span));
          compared += 2;
        }
      }
    }
    assertThat(compared).isGreaterThan(300);
  }

  /** Where a field of any example is worth trying in a frame event or a span. */
  private static List<String> transplantTargets(String field) {
    return switch (field) {
      case "created_at", "started_at", "ended_at", "observed_at", "start_time", "end_time" ->
          List.of("observed_at", "start_time", "end_time");
      case "trace_id", "span_id", "event_id", "manifest_id", "parent_span_id" ->
          List.of("trace_id", "span_id", "event_id", "parent_span_id");
      case "attributes", "tags", "quality_metrics", "gpu", "thumbnail" ->
          List.of("attributes", "quality_metrics", "gpu", "thumbnail");
      case "frame_index", "media_time_ms", "expected_frames", "seed" ->
          List.of("frame_index", "media_time_ms");
      case "name", "model_name", "pipeline_config_ref" -> List.of("name");
      case "status", "span_kind", "event_type" -> List.of("status", "span_kind", "event_type");
      default -> List.of();
    };
  }

  private static ObjectNode wrap(ObjectNode data) {
    String type = data.has("event_id") ? "frame_event" : "span";
    return Fixtures.item(type, data);
  }

  /** The file as batch items: a batch's items, or an entity wrapped in an item of its type. */
  private static List<JsonNode> items(Path file, EntityType type) {
    JsonNode doc = Examples.read(file);
    List<JsonNode> out = new ArrayList<>();
    if (type == EntityType.BATCH) {
      doc.path("items").forEach(out::add);
    } else {
      ObjectNode item = Examples.JSON.createObjectNode();
      item.put("item_type", type.wireName());
      item.set("data", doc);
      out.add(item);
    }
    return out;
  }

  private static List<Path> allExampleFiles() {
    List<Path> all = new ArrayList<>(Examples.validFiles());
    all.addAll(Examples.invalidFiles());
    return all;
  }
}
