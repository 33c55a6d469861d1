package io.ovpo.schemas;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating one batch item.
 *
 * @param index position of the item in {@code items}
 * @param itemType the type its {@code item_type} names, when that is one of the four known values
 * @param errors empty when the item is valid; otherwise every error carries this index
 */
public record ItemResult(int index, Optional<EntityType> itemType, List<ValidationError> errors) {
  public ItemResult {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    Objects.requireNonNull(itemType, "itemType");
    if (itemType.filter(t -> !t.isItemType()).isPresent()) {
      throw new IllegalArgumentException("a batch item cannot be a batch");
    }
    errors = List.copyOf(errors);
    for (ValidationError e : errors) {
      if (e.itemIndex() != index) {
        throw new IllegalArgumentException("error of item " + e.itemIndex() + " in item " + index);
      }
    }
  }

  /** True when the item passed every schema rule. */
  public boolean isValid() {
    return errors.isEmpty();
  }
}
