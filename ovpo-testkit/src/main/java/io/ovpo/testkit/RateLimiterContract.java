package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RateLimiter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RateLimiter}: a token bucket per (tenant, scope) that allows a burst of
 * {@code capacity}, then refuses with the headers' values, and refills continuously at capacity ÷
 * refill period. Implement {@link #newLimiter(MutableClock)}; a limiter that reads its backend's
 * clock overrides {@link #usesBackendClock()} (refills here take about a second).
 */
public abstract class RateLimiterContract<R extends RateLimiter> extends StoreContract<R> {
  /** Refills so slowly that no token comes back during a test. */
  private static final RateTier SLOW = new RateTier("slow", 5, Duration.ofMinutes(10), false);

  /** One token per second. */
  private static final RateTier SECOND =
      new RateTier("per-second", 2, Duration.ofSeconds(2), false);

  /** One token per half second. */
  private static final RateTier HALF_SECOND =
      new RateTier("per-half-second", 2, Duration.ofSeconds(1), false);

  /** A limiter reading time from {@code clock} where its backend allows. */
  protected abstract R newLimiter(MutableClock clock) throws Exception;

  @Override
  protected final R newStore() throws Exception {
    return newLimiter(clock);
  }

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void acquire_allowsTheBurstCapacity_thenRefuses() {
    TenantId tenant = fx.tenant();
    for (int i = 0; i < SLOW.capacity(); i++) {
      assertThat(store.acquire(tenant, "ingest", SLOW).allowed()).as("request %d", i + 1).isTrue();
    }
    assertThat(store.acquire(tenant, "ingest", SLOW).allowed()).isFalse();
    assertThat(store.acquire(tenant, "ingest", SLOW).allowed()).isFalse();
  }

  @Test
  void allowedDecisions_countTheRemainingTokensDown() {
    TenantId tenant = fx.tenant();
    for (long expected = SLOW.capacity() - 1; expected >= 0; expected--) {
      RateDecision d = store.acquire(tenant, "ingest", SLOW);
      assertThat(d.allowed()).isTrue();
      assertThat(d.limit()).isEqualTo(SLOW.capacity());
      assertThat(d.remaining()).isEqualTo(expected);
      assertThat(d.retryAfterSeconds()).isZero();
      assertThat(d.resetAt()).isAfter(clock.instant().minusSeconds(1));
    }
  }

  @Test
  void refusal_tellsWhenToRetry() {
    TenantId tenant = fx.tenant();
    drain(tenant, "ingest", SLOW);
    RateDecision refused = store.acquire(tenant, "ingest", SLOW);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limit()).isEqualTo(SLOW.capacity());
    assertThat(refused.remaining()).isZero();
    long perToken = SLOW.refillPeriod().dividedBy(SLOW.capacity()).toSeconds();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, perToken);
    assertThat(refused.resetAt()).isAfter(clock.instant());
    assertThat(refused.resetAt())
        .isBeforeOrEqualTo(clock.instant().plus(SLOW.refillPeriod()).plusSeconds(1));
  }

  @Test
  void bucket_refillsOneTokenPerCapacityShareOfThePeriod() {
    TenantId tenant = fx.tenant();
    drain(tenant, "ingest", SECOND);
    RateDecision refused = store.acquire(tenant, "ingest", SECOND);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    elapse(Duration.ofMillis(1_050));
    assertThat(store.acquire(tenant, "ingest", SECOND).allowed()).isTrue();
    assertThat(store.acquire(tenant, "ingest", SECOND).allowed()).isFalse();
  }

  @Test
  void bucket_neverRefillsBeyondItsCapacity() {
    TenantId tenant = fx.tenant();
    drain(tenant, "ingest", HALF_SECOND);
    elapse(Duration.ofMillis(1_600)); // enough for 3.2 tokens, but the bucket holds 2
    assertThat(store.acquire(tenant, "ingest", HALF_SECOND).allowed()).isTrue();
    assertThat(store.acquire(tenant, "ingest", HALF_SECOND).allowed()).isTrue();
    assertThat(store.acquire(tenant, "ingest", HALF_SECOND).allowed()).isFalse();
  }

  @Test
  void unlimitedTier_isAlwaysAllowed() {
    TenantId tenant = fx.tenant();
    for (int i = 0; i < 1_000; i++) {
      RateDecision d = store.acquire(tenant, "ingest", RateTier.UNLIMITED);
      assertThat(d.allowed()).isTrue();
      assertThat(d.retryAfterSeconds()).isZero();
    }
  }

  @Test
  void tenants_haveSeparateBuckets() {
    TenantId a = fx.tenant();
    drain(a, "ingest", SLOW);
    assertThat(store.acquire(a, "ingest", SLOW).allowed()).isFalse();
    assertThat(store.acquire(fx.tenant(), "ingest", SLOW).allowed()).isTrue();
  }

  @Test
  void scopes_haveSeparateBuckets() {
    TenantId tenant = fx.tenant();
    drain(tenant, "ingest", SLOW);
    assertThat(store.acquire(tenant, "ingest", SLOW).allowed()).isFalse();
    RateDecision query = store.acquire(tenant, "query", SLOW);
    assertThat(query.allowed()).isTrue();
    assertThat(query.remaining()).isEqualTo(SLOW.capacity() - 1);
  }

  @Test
  void concurrentAcquires_neverExceedTheCapacity() {
    TenantId tenant = fx.tenant();
    RateTier tier = new RateTier("burst", 1_000, Duration.ofHours(10), false);
    List<Integer> allowed =
        Concurrently.run(
            8,
            i -> {
              int n = 0;
              for (int k = 0; k < 400; k++) {
                if (store.acquire(tenant, "ingest", tier).allowed()) {
                  n++;
                }
              }
              return n;
            });
    assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
  }

  private void drain(TenantId tenant, String scope, RateTier tier) {
    for (int i = 0; i < tier.capacity(); i++) {
      assertThat(store.acquire(tenant, scope, tier).allowed()).isTrue();
    }
  }
}
