package io.ovpo.ports.error;

import io.ovpo.ports.model.RateDecision;

/** The tenant's bucket is empty; {@link #decision()} carries the headers' values. */
public final class RateLimitedException extends OvpoException {
  private final RateDecision decision;

  public RateLimitedException(RateDecision decision) {
    super(
        ErrorCode.RATE_LIMITED,
        "rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
    this.decision = decision;
  }

  public RateDecision decision() {
    return decision;
  }
}
