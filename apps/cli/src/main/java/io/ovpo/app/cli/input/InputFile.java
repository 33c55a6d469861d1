package io.ovpo.app.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file read by {@link InputReader}.
 *
 * @param file the file
 * @param shape how it holds its items
 * @param root the parsed document (empty for JSON Lines and for malformed JSON)
 * @param fileProblems problems of the file as a whole (malformed JSON, not a known shape)
 * @param items its items, in order
 */
public record InputFile(
    Path file,
    Shape shape,
    Optional<JsonNode> root,
    List<Problem> fileProblems,
    List<InputItem> items) {
  /** How a file holds its items. */
  public enum Shape {
    /** An ingest body, {@code {"items": [...]}}. */
    BATCH,
    /** A JSON array of items or entities. */
    ARRAY,
    /** One entity (a trace, span, frame event or artifact manifest). */
    ENTITY,
    /** JSON Lines ({@code .jsonl}, {@code .ndjson}): one item or entity per line. */
    LINES
  }

  public InputFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(root, "root");
    fileProblems = List.copyOf(fileProblems);
    items = List.copyOf(items);
  }
}
