package io.ovpo.app.cli.input;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an input file or one of its items is invalid.
 *
 * @param itemIndex the item's index in the file (batch item, array element or non-blank line, from
 *     0), or -1 for the file as a whole or a file holding one entity
 * @param itemType the item's type when known ({@code span}, ...)
 * @param pointer JSON pointer: relative to the item ({@code /data/start_time}) for items, to the
 *     document otherwise; "" is the root
 * @param code {@code SCHEMA_VIOLATION}, {@code SEMANTIC_VIOLATION}, {@code MALFORMED_JSON}, {@code
 *     UNKNOWN_DOCUMENT_TYPE} or {@code PAYLOAD_TOO_LARGE}
 * @param message what is wrong, without the pointer
 */
public record Problem(
    int itemIndex, Optional<String> itemType, String pointer, String code, String message) {
  public Problem {
    if (itemIndex < -1) {
      throw new IllegalArgumentException("itemIndex must be >= -1");
    }
    Objects.requireNonNull(itemType, "itemType");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** A problem of the whole file. */
  public static Problem ofFile(String code, String pointer, String message) {
    return new Problem(-1, Optional.empty(), pointer, code, message);
  }

  /**
   * The pointer within the file: {@code /items/3/data/start_time} for an item of a batch, the
   * pointer itself otherwise (an array element's is prefixed with its index).
   */
  public String documentPointer(InputFile.Shape shape) {
    if (itemIndex < 0) {
      return pointer;
    }
    return switch (shape) {
      case BATCH -> "/items/" + itemIndex + pointer;
      case ARRAY -> "/" + itemIndex + pointer;
      case ENTITY, LINES -> pointer;
    };
  }

  /** The message without a leading {@code <pointer>: } (the validator's messages carry one). */
  static String withoutPointer(String message, String pointer) {
    String prefix = (pointer.isEmpty() ? "(root)" : pointer) + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
