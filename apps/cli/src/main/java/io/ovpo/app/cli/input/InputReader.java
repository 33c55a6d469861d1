package io.ovpo.app.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.CliException;
import io.ovpo.schemas.EntityType;
import io.ovpo.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the files {@code ovpo validate} and {@code ovpo ingest} take: an ingest body ({@code
 * {"items": [...]}}), a JSON array of items or bare entities, one bare entity, or JSON Lines
 * ({@code .jsonl} / {@code .ndjson}, one item or entity per line). Bare entities are recognized by
 * their id field ({@link EntityType#detect}) and wrapped into items. JSON is read as strictly as
 * the server reads it (duplicate keys are an error).
 */
public final class InputReader {
  /** File names a folder is searched for. */
  static final List<String> EXTENSIONS = List.of(".json", ".jsonl", ".ndjson");

  private InputReader() {}

  /**
   * The input files a path names: the file itself, or every {@code .json}, {@code .jsonl} and
   * {@code .ndjson} file under a folder, recursively, in path order.
   *
   * @throws CliException (usage) when the path does not exist or cannot be listed
   */
  public static List<Path> files(Path path) {
    if (!Files.exists(path)) {
      throw CliException.usage("no such file or folder: " + path);
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> s = Files.walk(path)) {
      return s.filter(Files::isRegularFile).filter(InputReader::isInputName).sorted().toList();
    } catch (IOException e) {
      throw CliException.usage("cannot list " + path + ": " + e.getMessage());
    }
  }

  /**
   * Reads one file.
   *
   * @param forcedType the type to read a bare entity as (else it is detected)
   * @throws CliException (usage) when the file cannot be read
   */
  public static InputFile read(Path file, Optional<EntityType> forcedType) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    if (isLines(file)) {
      return lines(file, bytes, forcedType);
    }
    JsonNode root;
    try {
      root = WireJson.parse(bytes);
    } catch (JsonProcessingException e) {
      return new InputFile(
          file,
          InputFile.Shape.ENTITY,
          Optional.empty(),
          List.of(Problem.ofFile("MALFORMED_JSON", "", "not valid JSON: " + reason(e))),
          List.of());
    }
    boolean batch =
        forcedType.map(t -> t == EntityType.BATCH).orElse(root.isObject() && root.has("items"));
    if (batch) {
      List<InputItem> items = new ArrayList<>();
      JsonNode array = root.path("items");
      for (int i = 0; array.isArray() && i < array.size(); i++) {
        items.add(asItem(i, array.get(i)));
      }
      return new InputFile(file, InputFile.Shape.BATCH, Optional.of(root), List.of(), items);
    }
    if (root.isArray()) {
      List<InputItem> items = new ArrayList<>();
      for (int i = 0; i < root.size(); i++) {
        items.add(element(i, root.get(i), forcedType));
      }
      return new InputFile(file, InputFile.Shape.ARRAY, Optional.of(root), List.of(), items);
    }
    if (root.isObject()) {
      return new InputFile(
          file,
          InputFile.Shape.ENTITY,
          Optional.of(root),
          List.of(),
          List.of(entity(0, (ObjectNode) root, forcedType)));
    }
    return new InputFile(
        file,
        InputFile.Shape.ENTITY,
        Optional.of(root),
        List.of(
            Problem.ofFile(
                "UNKNOWN_DOCUMENT_TYPE", "", "neither a batch, an array of items nor an entity")),
        List.of());
  }

  private static InputFile lines(Path file, byte[] bytes, Optional<EntityType> forcedType) {
    List<InputItem> items = new ArrayList<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue;
      }
      int index = items.size();
      try {
        items.add(
            element(index, WireJson.parse(lines[n].getBytes(StandardCharsets.UTF_8)), forcedType));
      } catch (JsonProcessingException e) {
        items.add(
            problem(
                index, "MALFORMED_JSON", "line " + (n + 1) + " is not valid JSON: " + reason(e)));
      }
    }
    return new InputFile(file, InputFile.Shape.LINES, Optional.empty(), List.of(), items);
  }

  /** An element of an array or a line: an item, or a bare entity to wrap. */
  private static InputItem element(int index, JsonNode node, Optional<EntityType> forcedType) {
    if (node.isObject() && (node.has("item_type") || node.has("data"))) {
      return asItem(index, node);
    }
    if (!node.isObject()) {
      return problem(index, "SCHEMA_VIOLATION", "must be an object: an item or an entity");
    }
    return entity(index, (ObjectNode) node, forcedType);
  }

  private static InputItem entity(int index, ObjectNode node, Optional<EntityType> forcedType) {
    Optional<EntityType> type =
        forcedType.filter(EntityType::isItemType).or(() -> EntityType.detect(node));
    if (type.isEmpty() || !type.get().isItemType()) {
      return problem(
          index,
          "UNKNOWN_DOCUMENT_TYPE",
          "has none of manifest_id, event_id, span_id, trace_id: name its type with --type");
    }
    ObjectNode item = WireJson.object();
    item.put("item_type", type.get().wireName());
    item.set("data", node);
    return new InputItem(index, Optional.of(item), type, id(type.get(), node), Optional.empty());
  }

  private static InputItem asItem(int index, JsonNode node) {
    if (!node.isObject()) {
      return problem(index, "SCHEMA_VIOLATION", "must be an object with item_type and data");
    }
    Optional<EntityType> type =
        node.path("item_type").isTextual()
            ? EntityType.fromItemType(node.path("item_type").asText())
            : Optional.empty();
    String id = type.map(t -> id(t, node.path("data"))).orElse("");
    return new InputItem(index, Optional.of((ObjectNode) node), type, id, Optional.empty());
  }

  private static InputItem problem(int index, String code, String message) {
    return new InputItem(
        index,
        Optional.empty(),
        Optional.empty(),
        "",
        Optional.of(new Problem(index, Optional.empty(), "", code, message)));
  }

  /** The entity's own id: trace_id of a trace, span_id of a span, and so on. */
  static String id(EntityType type, JsonNode data) {
    String field =
        switch (type) {
          case TRACE -> "trace_id";
          case SPAN -> "span_id";
          case FRAME_EVENT -> "event_id";
          case ARTIFACT_MANIFEST -> "manifest_id";
          case BATCH -> "";
        };
    JsonNode v = data.path(field);
    return v.isTextual() ? v.asText() : "";
  }

  private static boolean isInputName(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static boolean isLines(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  private static String reason(JsonProcessingException e) {
    String where =
        e.getLocation() == null || e.getLocation().getLineNr() < 0
            ? ""
            : " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")";
    return e.getOriginalMessage() + where;
  }
}
