package io.ovpo.ports.in;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.ports.model.ItemType;
import java.util.List;
import java.util.Optional;

/** One batch item after schema validation and decoding by the HTTP layer. */
public sealed interface DecodedItem {
  int index();

  /**
   * Passed the schema and decoded into a model record; core still applies semantic rules.
   *
   * @param json the item's JSON as received, when the decoder kept it; the queue then carries these
   *     bytes rather than a new encoding of {@code item}
   */
  record Valid(int index, IngestItem item, Optional<ItemJson> json) implements DecodedItem {
    public Valid {
      java.util.Objects.requireNonNull(item, "item");
      java.util.Objects.requireNonNull(json, "json");
    }

    /** An item without its received JSON (it will be encoded from the record). */
    public Valid(int index, IngestItem item) {
      this(index, item, Optional.empty());
    }
  }

  /** Refused before decoding (schema) or by a model constructor. */
  record Invalid(int index, Optional<ItemType> itemType, List<ItemError> errors)
      implements DecodedItem {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid item needs at least one error");
      }
    }
  }
}
