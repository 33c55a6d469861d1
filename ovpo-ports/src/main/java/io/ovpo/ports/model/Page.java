package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.List;
import java.util.Optional;

/** One page of a keyset-paginated listing; {@code hasMore} says whether another page exists. */
public record Page<T>(List<T> items, boolean hasMore) {
  public Page {
    items = List.copyOf(Checks.notNull("items", items));
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), false);
  }

  public Optional<T> last() {
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1));
  }
}
