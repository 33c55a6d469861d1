package io.ovpo.app.query;

import io.ovpo.ports.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Time ranges of the query parameters: {@code from} inclusive, {@code to} exclusive. */
final class Ranges {
  /** Longest analytics range (spec 05 §6). */
  static final Duration MAX_ANALYTICS_RANGE = Duration.ofDays(366);

  private Ranges() {}

  /** Either end may be open; {@code from} after {@code to} is a 400. */
  static TimeRange of(Optional<Instant> from, Optional<Instant> to) {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw QueryParams.invalid("parameter 'from' must not be after 'to'");
    }
    return new TimeRange(from, to);
  }

  /**
   * An analytics range: {@code to} defaults to {@code now}, {@code from} to {@code to -
   * defaultLength}; at most {@link #MAX_ANALYTICS_RANGE} long.
   */
  static TimeRange analytics(
      Optional<Instant> from, Optional<Instant> to, Instant now, Duration defaultLength) {
    Instant end = to.orElse(now);
    Instant start = from.orElse(end.minus(defaultLength));
    TimeRange range = of(Optional.of(start), Optional.of(end));
    if (Duration.between(start, end).compareTo(MAX_ANALYTICS_RANGE) > 0) {
      throw QueryParams.invalid("the range from 'from' to 'to' must not exceed 366 days");
    }
    return range;
  }
}
