package io.ovpo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import io.ovpo.schemas.EntityType;
import io.ovpo.schemas.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The canonical valid examples: each entity reads, writes back schema-valid, and reads again to an
 * equal record. Catches any drift between the schemas and this codec.
 */
class SchemaExamplesTest {
  private static final SchemaValidator SCHEMAS = SchemaValidator.fromDirectory(Json.schemasDir());

  @Test
  void everyValidExample_survivesReadWriteRead() throws IOException {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(Json.schemasDir().resolve("examples/valid"))) {
      for (Path file : files.sorted().toList()) {
        JsonNode doc = WireJson.parse(Files.readAllBytes(file));
        EntityType type = EntityType.detect(doc).orElseThrow();
        if (type == EntityType.BATCH) {
          for (JsonNode item : doc.get("items")) {
            check(
                file,
                EntityType.fromItemType(item.get("item_type").asText()).orElseThrow(),
                item.get("data"));
          }
        } else {
          check(file, type, doc);
        }
        checked.add(file.getFileName().toString());
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(10);
  }

  private static void check(Path file, EntityType type, JsonNode data) {
    ItemType itemType = ItemType.fromWire(type.wireName()).orElseThrow();
    IngestItem item = ModelReader.item(itemType, data);
    JsonNode written = ModelWriter.data(item);
    assertThat(SCHEMAS.validate(type, written)).as(file + " written back").isEmpty();
    assertThat(ModelReader.item(itemType, written)).as(file.toString()).isEqualTo(item);
  }
}
