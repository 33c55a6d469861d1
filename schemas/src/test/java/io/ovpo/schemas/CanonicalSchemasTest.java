package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The schema files used whole, as a non-Java tool would: the root of ingest_batch.json validates a
 * batch in one pass, and index.json accepts exactly the valid examples. Both must agree with {@link
 * SchemaValidator}, which checks envelope and items separately.
 */
class CanonicalSchemasTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistries.create(SchemaSource.directory(Examples.schemaDir()));

  private static Schema load(String file) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(SchemaVersion.ID_PREFIX + file));
    schema.initializeValidators();
    return schema;
  }

  private static List<String> pointers(Schema schema, JsonNode doc) {
    return ErrorTranslator.translate(schema.validate(doc), -1, Optional.empty()).stream()
        .map(ValidationError::pointer)
        .toList();
  }

  @Test
  void batchRootSchema_acceptsTheValidBatches_andRejectsInvalidOnesAtTheSamePointer() {
    Schema batch = load("ingest_batch.json");
    for (Path file : Examples.validFiles()) {
      if (file.getFileName().toString().startsWith("batch.")) {
        assertThat(pointers(batch, Examples.read(file))).as(file.toString()).isEmpty();
      }
    }
    Examples.expectations()
        .forEach(
            (name, expected) -> {
              if (expected.type() == EntityType.BATCH) {
                JsonNode doc = Examples.read(Examples.invalidDir().resolve(name));
                assertThat(pointers(batch, doc)).as(name).contains(expected.pointer());
              }
            });
  }

  @Test
  void index_acceptsEveryValidExample_andRejectsEveryInvalidOne() {
    Schema index = load("index.json");
    for (Path file : Examples.validFiles()) {
      assertThat(index.validate(Examples.read(file))).as(file.toString()).isEmpty();
    }
    for (Path file : Examples.invalidFiles()) {
      assertThat(index.validate(Examples.read(file))).as(file.toString()).isNotEmpty();
    }
  }
}
