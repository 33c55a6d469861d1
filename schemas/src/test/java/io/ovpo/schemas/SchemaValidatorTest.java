package io.ovpo.schemas;

import static io.ovpo.schemas.Fixtures.batch;
import static io.ovpo.schemas.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the validator returns for batches, items, entities and files. */
class SchemaValidatorTest {
  private final SchemaValidator validator = Validators.CLASSPATH;

  @Test
  void validBatch_hasOneValidResultPerItem() {
    ObjectNode body =
        batch(
            item("trace", Fixtures.trace()),
            item("span", Fixtures.span()),
            item("frame_event", Fixtures.frameEvent()),
            item("artifact_manifest", Fixtures.manifest()));

    BatchResult result = validator.validateBatch(body);

    assertThat(result.isValid()).isTrue();
    assertThat(result.items()).hasSize(4).allMatch(ItemResult::isValid);
    assertThat(result.items())
        .extracting(i -> i.itemType().orElseThrow())
        .containsExactly(
            EntityType.TRACE,
            EntityType.SPAN,
            EntityType.FRAME_EVENT,
            EntityType.ARTIFACT_MANIFEST);
  }

  @Test
  void invalidItem_isReportedAlone_andTheOthersStayValid() {
    ObjectNode body =
        batch(
            item("trace", Fixtures.trace()),
            item("span", Fixtures.span().put("start_time", "2025-03-01T12:00:01Z")),
            item("frame_event", Fixtures.frameEvent()));

    BatchResult result = validator.validateBatch(body);

    assertThat(result.isEnvelopeValid()).isTrue();
    assertThat(result.validItemCount()).isEqualTo(2);
    assertThat(result.invalidItemCount()).isEqualTo(1);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.itemIndex()).isEqualTo(1);
              assertThat(e.itemType()).contains("span");
              assertThat(e.pointer()).isEqualTo("/data/start_time");
              assertThat(e.documentPointer()).isEqualTo("/items/1/data/start_time");
              assertThat(e.code()).isEqualTo(ValidationError.SCHEMA_VIOLATION);
              assertThat(e.keyword()).isEqualTo("pattern");
            });
  }

  @Test
  void envelopeError_rejectsTheWholeBatch_andItemsAreNotValidated() {
    ObjectNode body = batch(item("span", Fixtures.span().put("name", "")));
    body.put("tenant_id", "acme");

    BatchResult result = validator.validateBatch(body);

    assertThat(result.isEnvelopeValid()).isFalse();
    assertThat(result.items()).isEmpty();
    assertThat(result.batchErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.itemIndex()).isEqualTo(-1);
              assertThat(e.pointer()).isEqualTo("/tenant_id");
              assertThat(e.keyword()).isEqualTo("additionalProperties");
            });
  }

  @Test
  void itemThatIsNotAnObject_isAnEnvelopeError() {
    ObjectNode body = batch(item("trace", Fixtures.trace()));
    ((ArrayNode) body.get("items")).add("span");

    assertThat(validator.validateEnvelope(body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEqualTo("/items/1");
              assertThat(e.keyword()).isEqualTo("type");
            });
  }

  @Test
  void validateItem_reportsPointersRelativeToTheItem_withItsIndexAndType() {
    ObjectNode trace = Fixtures.trace().put("status", "FAILED");

    ItemResult result = validator.validateItem(7, item("trace", trace));

    assertThat(result.index()).isEqualTo(7);
    assertThat(result.itemType()).contains(EntityType.TRACE);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.itemIndex()).isEqualTo(7);
              assertThat(e.itemType()).contains("trace");
              assertThat(e.pointer()).isEqualTo("/data/failure");
              assertThat(e.keyword()).isEqualTo("required");
            });
  }

  @Test
  void unknownItemType_failsAtItemType_andCarriesNoItemType() {
    ItemResult result = validator.validateItem(0, item("video", Fixtures.trace()));

    assertThat(result.itemType()).isEmpty();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.itemType()).isEmpty();
              assertThat(e.pointer()).isEqualTo("/item_type");
              assertThat(e.keyword()).isEqualTo("enum");
            });
  }

  @Test
  void validate_ofAnEntity_hasItemIndexMinusOne() {
    List<ValidationError> errors =
        validator.validate(EntityType.SPAN, Fixtures.span().put("span_kind", "RENDER"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.itemIndex()).isEqualTo(-1);
              assertThat(e.itemType()).isEmpty();
              assertThat(e.pointer()).isEqualTo("/span_kind");
            });
  }

  @Test
  void validate_ofABatch_flattensItemErrorsWithTheirIndex() {
    ObjectNode body =
        batch(item("span", Fixtures.span()), item("span", Fixtures.span().put("name", "")));

    assertThat(validator.validate(EntityType.BATCH, body))
        .extracting(ValidationError::documentPointer)
        .containsExactly("/items/1/data/name");
  }

  @Test
  void tenThousandItems_areEachValidated() {
    ArrayNode items = Examples.JSON.createArrayNode();
    for (int i = 0; i < Limits.MAX_ITEMS; i++) {
      ObjectNode event = Fixtures.frameEvent().put("frame_index", i).put("media_time_ms", i * 41L);
      items.add(item("frame_event", event));
    }
    // One bad item among them, at the very end.
    ((ObjectNode) items.get(Limits.MAX_ITEMS - 1).get("data")).put("frame_index", -1);
    ObjectNode body = Examples.JSON.createObjectNode();
    body.set("items", items);

    BatchResult result = validator.validateBatch(body.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(result.items()).hasSize(Limits.MAX_ITEMS);
    assertThat(result.validItemCount()).isEqualTo(Limits.MAX_ITEMS - 1);
    assertThat(result.errors())
        .extracting(ValidationError::documentPointer)
        .containsExactly("/items/9999/data/frame_index");
  }

  @Test
  void tenThousandAndOneItems_isAnEnvelopeError() {
    ArrayNode items = Examples.JSON.createArrayNode();
    for (int i = 0; i <= Limits.MAX_ITEMS; i++) {
      items.add(item("span", Fixtures.span()));
    }
    ObjectNode body = Examples.JSON.createObjectNode();
    body.set("items", items);

    BatchResult result = validator.validateBatch(body);

    assertThat(result.items()).isEmpty();
    assertThat(result.batchErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pointer()).isEqualTo("/items");
              assertThat(e.keyword()).isEqualTo("maxItems");
              assertThat(e.message())
                  .isEqualTo("/items: must have at most 10000 items (found 10001)");
            });
  }

  @Test
  void malformedBytes_giveOneMalformedJsonError() {
    for (String body :
        List.of(
            "",
            "{\"items\": [",
            "{\"items\": []} {}",
            "{\"items\": [], \"items\": []}",
            "not json")) {
      BatchResult result = validator.validateBatch(body.getBytes(StandardCharsets.UTF_8));
      assertThat(result.batchErrors())
          .as(body)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.code()).isEqualTo(ValidationError.MALFORMED_JSON);
                assertThat(e.message()).startsWith("(root): is not valid JSON: ");
              });
    }
  }

  @Test
  void validatorIsSafeToShare_concurrentResultsEqualSequentialOnes() throws Exception {
    List<Path> files = new ArrayList<>(Examples.invalidFiles());
    files.addAll(Examples.validFiles());
    var expectations = Examples.expectations();
    List<List<ValidationError>> sequential = new ArrayList<>();
    List<JsonNode> docs = new ArrayList<>();
    List<EntityType> types = new ArrayList<>();
    for (Path f : files) {
      JsonNode doc = Examples.read(f);
      EntityType type =
          Optional.ofNullable(expectations.get(f.getFileName().toString()))
              .map(Examples.Expectation::type)
              .orElseGet(() -> EntityType.detect(doc).orElseThrow());
      docs.add(doc);
      types.add(type);
      sequential.add(validator.validate(type, doc));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < docs.size(); i++) {
                      if (!validator
                          .validate(types.get(i), docs.get(i))
                          .equals(sequential.get(i))) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void validateFile_tellsTheTypeFromTheFields(@TempDir Path dir) throws IOException {
    Path span = Files.writeString(dir.resolve("x.json"), Fixtures.span().toString());

    FileResult result = validator.validateFile(span);

    assertThat(result.type()).contains(EntityType.SPAN);
    assertThat(result.isValid()).isTrue();
  }

  @Test
  void validateFile_withAnExplicitType_ignoresTheFields(@TempDir Path dir) throws IOException {
    Path span = Files.writeString(dir.resolve("x.json"), Fixtures.span().toString());

    FileResult result = validator.validateFile(span, EntityType.TRACE);

    assertThat(result.type()).contains(EntityType.TRACE);
    assertThat(result.errors()).extracting(ValidationError::pointer).contains("/status");
  }

  @Test
  void validateFile_ofUnknownShape_reportsUnknownDocumentType(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");

    FileResult result = validator.validateFile(file);

    assertThat(result.type()).isEmpty();
    assertThat(result.errors())
        .extracting(ValidationError::code)
        .containsExactly(ValidationError.UNKNOWN_DOCUMENT_TYPE);
  }

  @Test
  void validateFile_ofMalformedJson_reportsMalformedJson(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"trace_id\": ");

    assertThat(validator.validateFile(file).errors())
        .extracting(ValidationError::code)
        .containsExactly(ValidationError.MALFORMED_JSON);
  }

  @Test
  void validatePath_walksSubfolders_andOnlyReadsJsonFiles(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/trace.json"), Fixtures.trace().toString());
    Files.writeString(
        dir.resolve("a/b/batch.json"), batch(item("span", Fixtures.span())).toString());
    Files.writeString(
        dir.resolve("a/b/bad.json"), Fixtures.frameEvent().put("frame_index", -1).toString());
    Files.writeString(dir.resolve("a/notes.txt"), "not a schema document");

    List<FileResult> results = validator.validatePath(dir);

    assertThat(results)
        .extracting(r -> dir.relativize(r.file()).toString().replace('\\', '/'))
        .containsExactly("a/b/bad.json", "a/b/batch.json", "a/trace.json");
    assertThat(results).extracting(FileResult::isValid).containsExactly(false, true, true);
    assertThat(results.get(1).type()).contains(EntityType.BATCH);
  }

  @Test
  void validatePath_ofOneFile_validatesThatFile() {
    Path file = Examples.validDir().resolve("trace.pending-minimal.json");

    assertThat(validator.validatePath(file)).singleElement().matches(FileResult::isValid);
  }
}
