package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/** A half-open time range [from, to); either end may be open. */
public record TimeRange(Optional<Instant> from, Optional<Instant> to) {
  private static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

  public TimeRange {
    Checks.notNull("from", from);
    Checks.notNull("to", to);
    if (from.isPresent() && to.isPresent()) {
      Checks.check(!to.get().isBefore(from.get()), "to", "must not be before from");
    }
  }

  public static TimeRange all() {
    return ALL;
  }

  public static TimeRange of(Instant from, Instant to) {
    return new TimeRange(Optional.of(from), Optional.of(to));
  }

  public boolean contains(Instant t) {
    return from.map(f -> !t.isBefore(f)).orElse(true) && to.map(t::isBefore).orElse(true);
  }
}
