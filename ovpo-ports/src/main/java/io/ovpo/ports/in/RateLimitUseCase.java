package io.ovpo.ports.in;

import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RateDecision;

/** Per-tenant rate limiting with the tenant's tier. */
public interface RateLimitUseCase {
  /**
   * Takes a token for the principal's tenant in {@code scope}.
   *
   * @return the decision (for the X-RateLimit-* headers) when allowed
   * @throws io.ovpo.ports.error.RateLimitedException when the bucket is empty
   */
  RateDecision admit(Principal principal, RateScope scope);
}
