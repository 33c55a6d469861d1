package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Validates OVPO v0.08 documents against the normative JSON Schemas (draft 2020-12).
 *
 * <p>Every schema is loaded and compiled once, in the factory; afterwards an instance is immutable
 * and safe to share between threads. Schema {@code $id}s start with {@link
 * SchemaVersion#ID_PREFIX}; that prefix is mapped to the jar ({@link #fromClasspath()}) or to a
 * folder ({@link #fromDirectory(Path)}), never fetched over the network.
 *
 * <p>The collector's path: parse the body, {@link #validateEnvelope(JsonNode)} (any error there
 * rejects the request as INVALID_BATCH), then {@link #validateItem(int, JsonNode)} for each item,
 * accepting the valid ones. {@link #validateBatch(JsonNode)} does the same in one call.
 *
 * <p>Only JSON Schema rules are checked here ({@code SCHEMA_VIOLATION}); the semantic rules
 * (timestamp order, unique artifact ids, the attributes size cap, ...) are ovpo-core's.
 */
public final class SchemaValidator {
  private final Map<EntityType, Schema> entitySchemas;
  private final Schema envelopeSchema;
  private final Schema itemSchema;
  private final boolean fastPath;

  private SchemaValidator(SchemaSource source, boolean allowFastPath) {
    SchemaRegistry registry = SchemaRegistries.create(source);
    Map<EntityType, Schema> entities = new EnumMap<>(EntityType.class);
    for (EntityType type : EntityType.values()) {
      if (type.isItemType()) {
        entities.put(type, compile(registry, source, type.schemaId()));
      }
    }
    this.entitySchemas = Collections.unmodifiableMap(entities);
    this.envelopeSchema =
        compile(registry, source, EntityType.BATCH.schemaId() + "#/$defs/envelope");
    this.itemSchema = compile(registry, source, EntityType.BATCH.schemaId() + "#/$defs/item");
    this.fastPath = allowFastPath && FastValidity.mirrors(source);
  }

  /** A validator over the schemas in the ovpo-schemas jar. */
  public static SchemaValidator fromClasspath() {
    return new SchemaValidator(
        SchemaSource.classpath(SchemaValidator.class.getClassLoader()), true);
  }

  /**
   * A validator over the schemas in the jar that always runs the JSON Schema engine, without the
   * fast path of {@link #validateItem}: the reference its results are compared with.
   */
  public static SchemaValidator referenceFromClasspath() {
    return new SchemaValidator(
        SchemaSource.classpath(SchemaValidator.class.getClassLoader()), false);
  }

  /**
   * A validator over the schema files of a folder, such as the repository's {@code schemas/v0.08}.
   *
   * @throws IllegalStateException when a schema is missing or broken
   */
  public static SchemaValidator fromDirectory(Path folder) {
    return new SchemaValidator(SchemaSource.directory(folder), true);
  }

  private static Schema compile(SchemaRegistry registry, SchemaSource source, String location) {
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(location));
      // Resolve every $ref now, so a broken schema fails here and validation never loads a file.
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot load schema " + location + " from " + source, e);
    }
  }

  /**
   * Checks the top level of an ingest body alone: an object with exactly {@code items}, an array of
   * 1 to 10,000 objects. Items are not looked into.
   *
   * @return errors with item index -1 and pointers relative to the body; empty when valid
   */
  public List<ValidationError> validateEnvelope(JsonNode document) {
    Objects.requireNonNull(document, "document");
    return ErrorTranslator.translate(envelopeSchema.validate(document), -1, Optional.empty());
  }

  /**
   * True when {@link #validateItem} proves frame_event and span items valid by hand-written checks
   * before falling back to the JSON Schema engine ({@link FastValidity}); results are the same
   * either way. False for {@link #referenceFromClasspath()} and for schemas other than the ones the
   * checks mirror.
   */
  public boolean hasFastPath() {
    return fastPath;
  }

  /**
   * Validates one batch item ({@code {"item_type", "data"}}) on its own: the collector's hot path.
   *
   * @param index the item's position in {@code items}, carried into every error
   * @return the result; error pointers are relative to the item ({@code /data/start_time})
   */
  public ItemResult validateItem(int index, JsonNode item) {
    Objects.requireNonNull(item, "item");
    JsonNode typeNode = item.get("item_type");
    Optional<EntityType> type =
        typeNode != null && typeNode.isTextual()
            ? EntityType.fromItemType(typeNode.textValue())
            : Optional.empty();
    if (fastPath && FastValidity.provesValid(item)) {
      return new ItemResult(index, type, List.of());
    }
    List<ValidationError> errors =
        ErrorTranslator.translate(itemSchema.validate(item), index, type.map(EntityType::wireName));
    return new ItemResult(index, type, errors);
  }

  /**
   * Validates a whole ingest body: the envelope, then each item on its own. When the envelope is
   * invalid the items are not validated.
   */
  public BatchResult validateBatch(JsonNode document) {
    List<ValidationError> envelopeErrors = validateEnvelope(document);
    if (!envelopeErrors.isEmpty()) {
      return new BatchResult(envelopeErrors, List.of());
    }
    JsonNode items = document.get("items");
    List<ItemResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(validateItem(i, items.get(i)));
    }
    return new BatchResult(List.of(), results);
  }

  /**
   * Parses and validates an ingest body. Bytes that are not one JSON value (duplicate keys and
   * trailing data included) give a single {@link ValidationError#MALFORMED_JSON} batch error.
   */
  public BatchResult validateBatch(byte[] json) {
    Objects.requireNonNull(json, "json");
    JsonParsing.Parsed parsed = JsonParsing.read(json);
    return parsed
        .value()
        .map(this::validateBatch)
        .orElseGet(() -> new BatchResult(List.of(parsed.error().orElseThrow()), List.of()));
  }

  /**
   * Validates a document of a known type: one entity, or a batch (its errors flattened, item errors
   * carrying their index).
   *
   * @return the errors; empty when valid
   */
  public List<ValidationError> validate(EntityType type, JsonNode document) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    if (type == EntityType.BATCH) {
      return validateBatch(document).errors();
    }
    return ErrorTranslator.translate(
        entitySchemas.get(type).validate(document), -1, Optional.empty());
  }

  /**
   * Validates a file holding a batch or a single entity, telling which by {@link
   * EntityType#detect(JsonNode)}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public FileResult validateFile(Path file) {
    return validateFile(file, Optional.empty());
  }

  /**
   * Validates a file as the given type.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public FileResult validateFile(Path file, EntityType type) {
    return validateFile(file, Optional.of(type));
  }

  /**
   * Validates a file, or every {@code *.json} file under a folder (recursively, in path order),
   * each as a batch or a single entity by {@link EntityType#detect(JsonNode)}.
   *
   * @throws UncheckedIOException when the folder or a file cannot be read
   */
  public List<FileResult> validatePath(Path fileOrFolder) {
    if (!Files.isDirectory(fileOrFolder)) {
      return List.of(validateFile(fileOrFolder));
    }
    try (Stream<Path> files = Files.walk(fileOrFolder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(this::validateFile)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FileResult validateFile(Path file, Optional<EntityType> explicitType) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonParsing.Parsed parsed = JsonParsing.read(bytes);
    if (parsed.value().isEmpty()) {
      return new FileResult(file, explicitType, List.of(parsed.error().orElseThrow()));
    }
    JsonNode document = parsed.value().get();
    Optional<EntityType> type = explicitType.or(() -> EntityType.detect(document));
    if (type.isEmpty()) {
      return new FileResult(file, type, List.of(unknownType()));
    }
    return new FileResult(file, type, validate(type.get(), document));
  }

  private static ValidationError unknownType() {
    return new ValidationError(
        -1,
        Optional.empty(),
        "",
        ValidationError.UNKNOWN_DOCUMENT_TYPE,
        "type-detection",
        "(root): is neither a batch (items) nor an entity (manifest_id, event_id, span_id or"
            + " trace_id); name its type explicitly");
  }
}
