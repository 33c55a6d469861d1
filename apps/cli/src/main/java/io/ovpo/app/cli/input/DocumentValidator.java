package io.ovpo.app.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.core.validation.SemanticValidator;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.schemas.EntityType;
import io.ovpo.schemas.ItemResult;
import io.ovpo.schemas.SchemaValidator;
import io.ovpo.schemas.ValidationError;
import io.ovpo.wire.ModelReader;
import io.ovpo.wire.WireValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks input files offline the way the collector checks a batch: each item against its JSON
 * Schema (the ovpo-schemas jar), then through the wire codec's model reader (the model's rules:
 * timestamp order, unique artifact ids, ...), then ovpo-core's {@link SemanticValidator} (attribute
 * size, future timestamps, span length, artifact content types), with "now" as the receive time. A
 * batch file's envelope is checked too. No server is involved.
 */
public final class DocumentValidator {
  private final SchemaValidator schemas;

  public DocumentValidator(SchemaValidator schemas) {
    this.schemas = schemas;
  }

  /** The validator over the schemas in the jar, compiled on first use (it takes a moment). */
  public static DocumentValidator fromClasspath() {
    return Shared.INSTANCE;
  }

  /** Holder idiom: the schemas compile once, on first use, and the validator is immutable. */
  private static final class Shared {
    static final DocumentValidator INSTANCE =
        new DocumentValidator(SchemaValidator.fromClasspath());
  }

  /** Every problem of the file. */
  public FileReport validate(InputFile f) {
    List<Problem> problems = new ArrayList<>(f.fileProblems());
    if (f.shape() == InputFile.Shape.BATCH) {
      for (ValidationError e : schemas.validateEnvelope(f.root().orElseThrow())) {
        problems.add(
            Problem.ofFile(
                e.code(), e.pointer(), Problem.withoutPointer(e.message(), e.pointer())));
      }
    }
    for (InputItem item : f.items()) {
      if (item.problem().isPresent()) {
        // A batch's non-object items are already envelope errors.
        if (f.shape() != InputFile.Shape.BATCH) {
          problems.add(item.problem().get());
        }
      } else if (f.shape() == InputFile.Shape.ENTITY) {
        problems.addAll(entity(item));
      } else {
        problems.addAll(item(item));
      }
    }
    return new FileReport(f.file(), f.shape(), f.items().size(), problems);
  }

  /** A bare entity: pointers relative to it, no item index. */
  private List<Problem> entity(InputItem item) {
    EntityType type = item.type().orElseThrow();
    JsonNode data = item.item().orElseThrow().get("data");
    List<Problem> out = new ArrayList<>();
    for (ValidationError e : schemas.validate(type, data)) {
      out.add(
          Problem.ofFile(e.code(), e.pointer(), Problem.withoutPointer(e.message(), e.pointer())));
    }
    if (out.isEmpty()) {
      for (ItemError e : semantic(0, type, data, "")) {
        // The collector's pointers are relative to an item: /data/x is /x of the entity.
        String pointer =
            e.field().startsWith(ModelReader.DATA)
                ? e.field().substring(ModelReader.DATA.length())
                : e.field();
        out.add(Problem.ofFile(e.code().name(), pointer, e.message()));
      }
    }
    return out;
  }

  /** An item: pointers relative to the item ({@code /data/...}), as in the server's receipt. */
  private List<Problem> item(InputItem item) {
    ItemResult r = schemas.validateItem(item.index(), item.item().orElseThrow());
    Optional<String> typeName = r.itemType().map(EntityType::wireName);
    List<Problem> out = new ArrayList<>();
    for (ValidationError e : r.errors()) {
      out.add(
          new Problem(
              item.index(),
              typeName,
              e.pointer(),
              e.code(),
              Problem.withoutPointer(e.message(), e.pointer())));
    }
    if (out.isEmpty()) {
      EntityType type = r.itemType().orElseThrow();
      for (ItemError e :
          semantic(item.index(), type, item.item().get().get("data"), ModelReader.DATA)) {
        out.add(new Problem(item.index(), typeName, e.field(), e.code().name(), e.message()));
      }
    }
    return out;
  }

  /** The model's rules, then the collector's: what ingest would answer SEMANTIC_VIOLATION to. */
  private static List<ItemError> semantic(int index, EntityType type, JsonNode data, String base) {
    ItemType itemType = ItemType.fromWire(type.wireName()).orElseThrow();
    IngestItem model;
    try {
      model = ModelReader.item(itemType, data, base);
    } catch (WireValueException e) {
      return List.of(
          new ItemError(index, Optional.of(itemType), e.code(), e.pointer(), e.reason()));
    }
    return SemanticValidator.validate(index, model, Instant.now());
  }
}
