package io.ovpo.core.service;

import io.ovpo.ports.error.RateLimitedException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.RateLimitUseCase;
import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant token buckets with the tenant's configured tier. The tier name is read from the tenant
 * configuration and cached for {@link #DEFAULT_CACHE_TTL}, so a tier change takes effect within
 * seconds without a tenant read on every request. When the tenant store cannot be read, the last
 * known tier (else "default") applies: rate limiting must not turn a store outage into errors.
 */
public final class RateLimitService implements RateLimitUseCase {
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);

  private record Cached(String tierName, Instant expiresAt) {}

  private final RateLimiter limiter;
  private final TenantStore tenants;
  private final RateTiers tiers;
  private final Clock clock;
  private final Duration cacheTtl;
  private final ConcurrentHashMap<TenantId, Cached> cache = new ConcurrentHashMap<>();

  public RateLimitService(RateLimiter limiter, TenantStore tenants, RateTiers tiers) {
    this(limiter, tenants, tiers, Clock.systemUTC(), DEFAULT_CACHE_TTL);
  }

  public RateLimitService(
      RateLimiter limiter, TenantStore tenants, RateTiers tiers, Clock clock, Duration cacheTtl) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.tiers = Objects.requireNonNull(tiers, "tiers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
  }

  @Override
  public RateDecision admit(Principal principal, RateScope scope) {
    TenantId tenant = principal.tenantId();
    RateTier tier = tiers.resolve(tierName(tenant), scope);
    RateDecision decision = limiter.acquire(tenant, scope.key(), tier);
    if (!decision.allowed()) {
      throw new RateLimitedException(decision);
    }
    return decision;
  }

  /** The tenant's tier name for the current moment (cached). */
  String tierName(TenantId tenant) {
    Instant now = clock.instant();
    Cached cached = cache.get(tenant);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.tierName();
    }
    String name;
    try {
      name =
          tenants
              .get(tenant)
              .map(Tenant::config)
              .map(c -> c.rateTier())
              .orElse(RateTiers.DEFAULT_NAME);
    } catch (StoreUnavailableException e) {
      name = cached != null ? cached.tierName() : RateTiers.DEFAULT_NAME;
    }
    cache.put(tenant, new Cached(name, now.plus(cacheTtl)));
    return name;
  }
}
