package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per (tenant, scope), refilled continuously; each bucket has its own lock. */
final class InMemoryRateLimiter implements RateLimiter {
  private final ConcurrentHashMap<Scoped<String>, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Tokens as a fraction so slow refills are exact; guarded by the instance. */
  private static final class Bucket {
    double tokens;
    Instant refilledAt;

    Bucket(double tokens, Instant at) {
      this.tokens = tokens;
      this.refilledAt = at;
    }
  }

  @Override
  public RateDecision acquire(TenantId tenant, String scope, RateTier tier) {
    Instant now = clock.instant();
    if (tier.unlimited()) {
      return new RateDecision(true, tier.capacity(), tier.capacity(), now, 0);
    }
    double capacity = tier.capacity();
    double perNano = capacity / tier.refillPeriod().toNanos();
    Bucket b = buckets.computeIfAbsent(new Scoped<>(tenant, scope), k -> new Bucket(capacity, now));
    synchronized (b) {
      long elapsed = Math.max(0, Duration.between(b.refilledAt, now).toNanos());
      b.tokens = Math.min(capacity, b.tokens + elapsed * perNano);
      if (now.isAfter(b.refilledAt)) {
        b.refilledAt = now;
      }
      boolean allowed = b.tokens >= 1;
      if (allowed) {
        b.tokens -= 1;
      }
      Instant resetAt = now.plusNanos((long) Math.ceil((capacity - b.tokens) / perNano));
      long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
      long remaining = allowed ? (long) Math.floor(b.tokens) : 0;
      return new RateDecision(allowed, tier.capacity(), remaining, resetAt, retryAfter);
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
