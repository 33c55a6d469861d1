package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Static properties of the schema files themselves. */
class SchemaFilesTest {
  private static final Set<String> FILES =
      Set.of(
          "common.json",
          "index.json",
          "ingest_batch.json",
          "trace.json",
          "span.json",
          "frame_event.json",
          "artifact_manifest.json");

  @Test
  void theSchemaFolder_holdsExactlyTheSevenFiles() {
    assertThat(Examples.schemaFiles().stream().map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrderElementsOf(FILES);
  }

  @Test
  void everySchema_isDraft202012_withAnIdUnderTheOvpoPrefix() {
    for (Path file : Examples.schemaFiles()) {
      JsonNode schema = Examples.read(file);
      assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("$id").asText())
          .isEqualTo(SchemaVersion.ID_PREFIX + file.getFileName());
    }
  }

  @Test
  void everyRef_isRelative_soItResolvesFromTheJarAndTheFolderAlike() {
    for (Path file : Examples.schemaFiles()) {
      walk(
          Examples.read(file),
          "",
          (path, node) -> {
            if (node.has("$ref")) {
              assertThat(node.get("$ref").asText())
                  .as(file.getFileName() + path)
                  .doesNotContain("://")
                  .matches("^([a-z_]+\\.json)?(#.*)?$");
            }
          });
    }
  }

  @Test
  void index_referencesEveryOtherSchemaFile() {
    JsonNode defs = Examples.read(Examples.schemaDir().resolve("index.json")).path("$defs");
    List<String> refs = new ArrayList<>();
    defs.forEach(d -> refs.add(d.path("$ref").asText()));
    assertThat(refs)
        .containsExactlyInAnyOrderElementsOf(
            FILES.stream().filter(f -> !f.equals("index.json")).toList());
  }

  @Test
  void everyObjectWithProperties_isClosed_exceptTheOpenQualityMetricsMap() {
    for (Path file : Examples.schemaFiles()) {
      walk(
          Examples.read(file),
          "",
          (path, node) -> {
            if (!"object".equals(node.path("type").asText()) || !node.has("properties")) {
              return;
            }
            if (path.equals("/$defs/quality_metrics")) {
              // Metric names are open by design; their values are still typed.
              assertThat(node.path("additionalProperties").isObject()).isTrue();
              return;
            }
            assertThat(node.path("additionalProperties").isBoolean())
                .as(file.getFileName() + path)
                .isTrue();
            assertThat(node.path("additionalProperties").asBoolean())
                .as(file.getFileName() + path)
                .isFalse();
          });
    }
  }

  @Test
  void batchBounds_matchLimits() {
    JsonNode items =
        Examples.read(Examples.schemaDir().resolve("ingest_batch.json"))
            .at("/$defs/envelope/properties/items");
    assertThat(items.path("minItems").asInt()).isEqualTo(Limits.MIN_ITEMS);
    assertThat(items.path("maxItems").asInt()).isEqualTo(Limits.MAX_ITEMS);
  }

  @Test
  void enums_areExactlyThoseOfTheDesign() {
    Map<String, List<String>> expected =
        Map.of(
            "trace.json#/$defs/status",
            List.of("PENDING", "RUNNING", "COMPLETED", "FAILED", "PARTIAL", "CANCELLED"),
            "trace.json#/$defs/failure_code",
            List.of(
                "OOM", "TIMEOUT", "MODEL_ERROR", "INVALID_INPUT", "INFRA", "CANCELLED", "UNKNOWN"),
            "span.json#/$defs/span_kind",
            List.of(
                "LOAD",
                "TEXT_ENCODE",
                "SAMPLING",
                "DECODE",
                "OUTPUT_ENCODE",
                "UPSCALE",
                "INTERPOLATE",
                "SAFETY_CHECK",
                "CUSTOM"),
            "span.json#/$defs/status",
            List.of("OK", "ERROR", "UNSET"),
            "frame_event.json#/$defs/event_type",
            List.of("FRAME_GENERATED", "FRAME_DECODED", "FRAME_ERROR", "GPU_SAMPLE"),
            "common.json#/$defs/artifact_kind",
            List.of("VIDEO", "THUMBNAIL", "FRAME", "LATENT", "LOG"),
            "ingest_batch.json#/$defs/item_type",
            List.of("trace", "span", "frame_event", "artifact_manifest"));
    expected.forEach(
        (location, values) -> {
          String[] parts = location.split("#");
          JsonNode node = Examples.read(Examples.schemaDir().resolve(parts[0])).at(parts[1]);
          List<String> actual = new ArrayList<>();
          node.path("enum").forEach(v -> actual.add(v.asText()));
          assertThat(actual).as(location).containsExactlyElementsOf(values);
        });
  }

  @Test
  void customMessages_containNoTemplateCharacters() {
    // The validator formats custom messages with java.text.MessageFormat: quotes and braces break.
    for (Path file : Examples.schemaFiles()) {
      walk(
          Examples.read(file),
          "",
          (path, node) ->
              node.path(SchemaRegistries.ERROR_MESSAGE_KEYWORD)
                  .forEach(
                      m ->
                          (m.isObject() ? m : Examples.JSON.createArrayNode().add(m))
                              .forEach(
                                  text ->
                                      assertThat(text.asText())
                                          .as(file.getFileName() + path)
                                          .doesNotContain("'", "{", "}"))));
    }
  }

  /** Visits every object node with its JSON pointer. */
  static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
    if (node.isObject()) {
      visitor.accept(path, node);
      node.fields()
          .forEachRemaining(
              e -> walk(e.getValue(), path + "/" + ErrorTranslator.escape(e.getKey()), visitor));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    }
  }
}
