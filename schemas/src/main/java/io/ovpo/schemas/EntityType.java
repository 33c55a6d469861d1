package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of document the v0.08 schemas describe: the four ingest entities and the batch. */
public enum EntityType {
  TRACE("trace", "trace.json"),
  SPAN("span", "span.json"),
  FRAME_EVENT("frame_event", "frame_event.json"),
  ARTIFACT_MANIFEST("artifact_manifest", "artifact_manifest.json"),
  BATCH("batch", "ingest_batch.json");

  private final String wireName;
  private final String schemaFile;

  EntityType(String wireName, String schemaFile) {
    this.wireName = wireName;
    this.schemaFile = schemaFile;
  }

  /** The {@code item_type} value of an entity ({@code "trace"}, ...); {@code "batch"} for BATCH. */
  public String wireName() {
    return wireName;
  }

  /** File name of the schema, e.g. {@code trace.json}. */
  public String schemaFile() {
    return schemaFile;
  }

  /** The schema's {@code $id}. */
  public String schemaId() {
    return SchemaVersion.ID_PREFIX + schemaFile;
  }

  /** True for the four types a batch item may carry. */
  public boolean isItemType() {
    return this != BATCH;
  }

  /** The entity type a batch item's {@code item_type} names, or empty for anything else. */
  public static Optional<EntityType> fromItemType(String itemType) {
    return itemType == null
        ? Optional.empty()
        : ITEM_TYPES.getOrDefault(itemType, Optional.empty());
  }

  // The collector looks an item type up once per item: a map, not a stream over values().
  private static final Map<String, Optional<EntityType>> ITEM_TYPES =
      Arrays.stream(values())
          .filter(EntityType::isItemType)
          .collect(Collectors.toUnmodifiableMap(t -> t.wireName, Optional::of));

  /** The type with this wire name, {@code "batch"} included, or empty. */
  public static Optional<EntityType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /**
   * Guesses the type of a document from its fields: {@code items} means a batch, then the first id
   * field found of manifest_id, event_id, span_id, trace_id. Empty when none is there, or when the
   * document is not an object.
   */
  public static Optional<EntityType> detect(JsonNode document) {
    if (document == null || !document.isObject()) {
      return Optional.empty();
    }
    // Order matters: spans, events and manifests carry trace_id too; a frame event may carry
    // span_id.
    if (document.has("items")) {
      return Optional.of(BATCH);
    }
    if (document.has("manifest_id")) {
      return Optional.of(ARTIFACT_MANIFEST);
    }
    if (document.has("event_id")) {
      return Optional.of(FRAME_EVENT);
    }
    if (document.has("span_id")) {
      return Optional.of(SPAN);
    }
    if (document.has("trace_id")) {
      return Optional.of(TRACE);
    }
    return Optional.empty();
  }
}
