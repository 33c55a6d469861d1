package io.ovpo.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of validating a whole ingest batch.
 *
 * @param batchErrors errors of the envelope (not an object, {@code items} missing, not 1..10000
 *     items, an item not an object, unknown top-level fields) or of the JSON itself; any of them
 *     rejects the whole request, and items are then not validated
 * @param items one result per item, in order; empty when {@code batchErrors} is not
 */
public record BatchResult(List<ValidationError> batchErrors, List<ItemResult> items) {
  public BatchResult {
    batchErrors = List.copyOf(batchErrors);
    items = List.copyOf(items);
    for (ValidationError e : batchErrors) {
      if (e.isItemError()) {
        throw new IllegalArgumentException("batch errors are not item errors: " + e);
      }
    }
    if (!batchErrors.isEmpty() && !items.isEmpty()) {
      throw new IllegalArgumentException("items are not validated when the envelope is invalid");
    }
  }

  /** True when the envelope and every item are valid. */
  public boolean isValid() {
    return batchErrors.isEmpty() && items.stream().allMatch(ItemResult::isValid);
  }

  /** True when the envelope is valid, so that each item can be accepted on its own. */
  public boolean isEnvelopeValid() {
    return batchErrors.isEmpty();
  }

  /** Number of items that passed. */
  public int validItemCount() {
    return (int) items.stream().filter(ItemResult::isValid).count();
  }

  /** Number of items that failed. */
  public int invalidItemCount() {
    return items.size() - validItemCount();
  }

  /** Every error: batch errors first, then item errors in item order. */
  public List<ValidationError> errors() {
    List<ValidationError> all = new ArrayList<>(batchErrors);
    items.forEach(i -> all.addAll(i.errors()));
    return List.copyOf(all);
  }
}
