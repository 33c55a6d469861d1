package io.ovpo.adapter.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns the port's absolute expiry instants into relative Redis TTLs measured on the adapter's
 * clock. Only the difference matters, so a skew between this host's clock and Redis's does not
 * shorten or stretch a key's life.
 */
final class Ttl {
  private static final Duration LONGEST = Duration.ofDays(3650);

  private Ttl() {}

  /** Whole milliseconds from the clock's now until {@code expiresAt}, rounded up; 0 if past. */
  static long millisUntil(Instant expiresAt, Clock clock) {
    Duration left = Duration.between(clock.instant(), expiresAt);
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    if (left.compareTo(LONGEST) > 0) {
      left = LONGEST; // toMillis() would overflow; nothing is kept that long anyway
    }
    long millis = left.toMillis();
    return left.minusMillis(millis).isZero() ? millis : millis + 1;
  }
}
