package io.ovpo.schemas;

import java.util.Objects;
import java.util.Optional;

/**
 * One reason a document or batch item is invalid.
 *
 * @param itemIndex index of the batch item, or -1 when the error is not about one item (a single
 *     entity, or the batch envelope)
 * @param itemType the item's {@code item_type} when it is one of the four known values; empty
 *     whenever {@code itemIndex} is -1
 * @param pointer JSON pointer (RFC 6901) of the offending location: relative to the item for item
 *     errors ({@code /data/start_time}), else relative to the document; "" is the root. For a
 *     missing or unknown property it names that property ({@code /failure})
 * @param code {@link #SCHEMA_VIOLATION} for a schema rule; {@link #MALFORMED_JSON} or {@link
 *     #UNKNOWN_DOCUMENT_TYPE} when a file could not be validated at all
 * @param keyword the JSON Schema keyword that failed ({@code required}, {@code pattern}, ...), or
 *     {@code json} / {@code type-detection} for the two file-level codes
 * @param message readable text starting with the pointer, e.g. {@code /data/start_time: does not
 *     match the timestamp format YYYY-MM-DDTHH:MM:SS.mmmZ}
 */
public record ValidationError(
    int itemIndex,
    Optional<String> itemType,
    String pointer,
    String code,
    String keyword,
    String message) {
  /** A JSON Schema rule failed. */
  public static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";

  /** The bytes are not one well-formed JSON value. */
  public static final String MALFORMED_JSON = "MALFORMED_JSON";

  /** A file's type was neither given nor recognizable from its fields. */
  public static final String UNKNOWN_DOCUMENT_TYPE = "UNKNOWN_DOCUMENT_TYPE";

  public ValidationError {
    if (itemIndex < -1) {
      throw new IllegalArgumentException("itemIndex must be -1 or an item index: " + itemIndex);
    }
    Objects.requireNonNull(itemType, "itemType");
    if (itemIndex == -1 && itemType.isPresent()) {
      throw new IllegalArgumentException("itemType is only set for batch items");
    }
    Objects.requireNonNull(pointer, "pointer");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("pointer must be empty or start with '/': " + pointer);
    }
    requireText(code, "code");
    requireText(keyword, "keyword");
    requireText(message, "message");
  }

  /** True when the error belongs to one batch item. */
  public boolean isItemError() {
    return itemIndex >= 0;
  }

  /** The pointer relative to the whole batch document ({@code /items/3/data/start_time}). */
  public String documentPointer() {
    return isItemError() ? "/items/" + itemIndex + pointer : pointer;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
