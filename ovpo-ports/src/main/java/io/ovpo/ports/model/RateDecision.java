package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * Outcome of taking one token: the values of the X-RateLimit-* headers and, when refused, how long
 * to wait.
 *
 * @param resetAt when the bucket will be full again
 * @param retryAfterSeconds whole seconds until one token is available (0 when allowed)
 */
public record RateDecision(
    boolean allowed, long limit, long remaining, Instant resetAt, long retryAfterSeconds) {
  public RateDecision {
    Checks.range("limit", limit, 0, Long.MAX_VALUE);
    Checks.range("remaining", remaining, 0, Long.MAX_VALUE);
    Checks.notNull("reset_at", resetAt);
    Checks.range("retry_after", retryAfterSeconds, 0, Long.MAX_VALUE);
  }
}
