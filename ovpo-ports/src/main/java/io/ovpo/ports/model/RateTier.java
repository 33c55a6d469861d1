package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests of burst, refilled continuously so a full bucket takes
 * {@code refillPeriod} to refill. The default tier is 200 per 10 s; {@code unlimited} never limits
 * (load tests).
 */
public record RateTier(String name, long capacity, Duration refillPeriod, boolean unlimited) {
  public static final RateTier DEFAULT =
      new RateTier("default", 200, Duration.ofSeconds(10), false);
  public static final RateTier UNLIMITED =
      new RateTier("unlimited", Long.MAX_VALUE, Duration.ofSeconds(1), true);

  public RateTier {
    Checks.length("name", name, 1, 64);
    Checks.range("capacity", capacity, 1, Long.MAX_VALUE);
    Checks.notNull("refill_period", refillPeriod);
    Checks.check(
        !refillPeriod.isNegative() && !refillPeriod.isZero(), "refill_period", "must be positive");
  }
}
