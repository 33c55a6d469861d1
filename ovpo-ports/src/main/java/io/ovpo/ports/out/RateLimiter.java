package io.ovpo.ports.out;

import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;

/**
 * Token buckets per (tenant, scope). Taking a token is atomic, so several collector instances
 * sharing one backend share one limit. An {@link RateTier#unlimited() unlimited} tier is always
 * allowed.
 */
public interface RateLimiter extends HealthCheck {
  /**
   * Takes one token from the bucket of {@code tenant} and {@code scope} ({@code ingest}, {@code
   * query}) sized by {@code tier}.
   */
  RateDecision acquire(TenantId tenant, String scope, RateTier tier);
}
