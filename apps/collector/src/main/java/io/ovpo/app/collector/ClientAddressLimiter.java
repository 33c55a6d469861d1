package io.ovpo.app.collector;

import io.ovpo.core.service.RateTiers;
import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.wire.BatchDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The bucket of requests that fail authentication (spec 02 §7.1 rule 4): one per client address
 * (the TCP peer; no proxy is trusted), sized like the {@code default} ingest tier. It lives in the
 * same {@link RateLimiter} port as the tenants' buckets, under a pseudo-tenant {@code addr-<16 hex
 * of SHA-256(address)>} and its own scope, so a shared backend (Redis) shares it across collectors
 * and no real tenant's bucket can collide with it.
 *
 * <p>A 405 must report this bucket without taking a token, which the port cannot do: {@link #peek}
 * answers with the last decision this process saw for the address (a full bucket once its reset
 * time has passed, or when it saw none). Those are kept for at most {@value #MAX_REMEMBERED}
 * addresses and forgotten all at once beyond that; the value is informative only.
 */
@Singleton
public final class ClientAddressLimiter {
  /** Scope of the client-address buckets in the rate-limit store. */
  public static final String SCOPE = "ingest_unauthenticated";

  static final int MAX_REMEMBERED = 10_000;

  private final RateLimiter limiter;
  private final RateTier tier;
  private final Clock clock;
  private final ConcurrentHashMap<String, RateDecision> last = new ConcurrentHashMap<>();

  @Inject
  public ClientAddressLimiter(RateLimiter limiter, RateTiers tiers, Clock clock) {
    this.limiter = limiter;
    this.tier = tiers.resolve(RateTiers.DEFAULT_NAME, RateScope.INGEST);
    this.clock = clock;
  }

  /** Takes a token from the address's bucket. */
  public RateDecision acquire(String address) {
    RateDecision d = limiter.acquire(pseudoTenant(address), SCOPE, tier);
    if (last.size() >= MAX_REMEMBERED) {
      last.clear();
    }
    last.put(address, d);
    return d;
  }

  /** The address's bucket as last seen, without taking a token. */
  public RateDecision peek(String address) {
    Instant now = clock.instant();
    RateDecision d = last.get(address);
    if (d == null || !now.isBefore(d.resetAt())) {
      return new RateDecision(true, tier.capacity(), tier.capacity(), now, 0);
    }
    return d;
  }

  static TenantId pseudoTenant(String address) {
    String hash = BatchDecoder.sha256Hex(address.getBytes(StandardCharsets.UTF_8));
    return TenantId.of("addr-" + hash.substring(0, 16));
  }
}
