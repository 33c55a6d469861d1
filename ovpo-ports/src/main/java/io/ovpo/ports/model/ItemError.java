package io.ovpo.ports.model;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.internal.Checks;
import java.util.Optional;

/**
 * Why one batch item was refused, as it appears in the ingest response's {@code errors} list.
 *
 * @param itemType empty when the item had no valid item_type
 * @param field JSON pointer relative to the item, e.g. {@code /data/start_time}; empty string for
 *     the item itself
 */
public record ItemError(
    int itemIndex, Optional<ItemType> itemType, ErrorCode code, String field, String message) {
  public ItemError {
    Checks.range("item_index", itemIndex, 0, Integer.MAX_VALUE);
    Checks.notNull("item_type", itemType);
    Checks.check(code != null && code.itemLevel(), "code", "must be an item-level error code");
    Checks.notNull("field", field);
    Checks.length("message", message, 1, 2048);
  }
}
