package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.RateLimitedException;
import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class RateLimitServiceTest {
  private Harness h;
  private RateLimitService limits;
  private Principal caller;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    limits =
        new RateLimitService(
            h.memory.rateLimiter(),
            h.memory.tenantStore(),
            RateTiers.defaults(),
            h.clock,
            Duration.ofSeconds(10));
    caller = h.principal(Role.DEVELOPER);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private void setTier(String tier) {
    Tenant t = h.memory.tenantStore().get(h.tenant).orElseThrow();
    TenantConfig c = t.config();
    h.memory
        .tenantStore()
        .update(
            new Tenant(
                t.tenantId(),
                t.name(),
                new TenantConfig(tier, c.hardwareProfile(), c.defaultLegalHold(), c.retention()),
                t.createdAt()));
  }

  @Test
  void defaultTier_allowsABurstOf200_thenAnswersWithRetryAfter() {
    RateDecision last = null;
    for (int i = 0; i < 200; i++) {
      last = limits.admit(caller, RateScope.INGEST);
    }

    assertThat(last.limit()).isEqualTo(200);
    assertThat(last.remaining()).isZero();
    assertThatThrownBy(() -> limits.admit(caller, RateScope.INGEST))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.decision().retryAfterSeconds()).isPositive());
  }

  @Test
  void queryScope_hasItsOwnBudgetOf100() {
    for (int i = 0; i < 100; i++) {
      limits.admit(caller, RateScope.QUERY);
    }

    assertThatThrownBy(() -> limits.admit(caller, RateScope.QUERY))
        .isInstanceOf(RateLimitedException.class);
    assertThat(limits.admit(caller, RateScope.INGEST).allowed()).isTrue();
  }

  @Test
  void unlimitedTier_neverLimits_andATierChangeAppliesAfterTheCache() {
    setTier("unlimited");
    for (int i = 0; i < 500; i++) {
      limits.admit(caller, RateScope.INGEST);
      limits.admit(caller, RateScope.QUERY);
    }
    setTier("default");

    assertThat(limits.tierName(h.tenant)).isEqualTo("unlimited");
    h.clock.advance(Duration.ofSeconds(11));
    assertThat(limits.tierName(h.tenant)).isEqualTo("default");
  }

  @Test
  void tiers_resolveByNameAndScope_withDefaultsForUnknownNames() {
    RateTier gold = new RateTier("gold", 1000, Duration.ofSeconds(10), false);
    RateTier goldQueries = new RateTier("gold", 500, Duration.ofMinutes(1), false);
    RateTiers tiers =
        RateTiers.defaults().with(RateScope.INGEST, gold).with(RateScope.QUERY, goldQueries);

    assertThat(tiers.resolve("gold", RateScope.INGEST)).isEqualTo(gold);
    assertThat(tiers.resolve("gold", RateScope.QUERY)).isEqualTo(goldQueries);
    assertThat(tiers.resolve("nope", RateScope.INGEST)).isEqualTo(RateTier.DEFAULT);
    assertThat(tiers.resolve("nope", RateScope.QUERY)).isEqualTo(RateTiers.DEFAULT_QUERY);
    assertThat(tiers.resolve("unlimited", RateScope.QUERY)).isEqualTo(RateTier.UNLIMITED);
    assertThat(tiers.resolve("default", RateScope.QUERY)).isEqualTo(RateTiers.DEFAULT_QUERY);
  }
}
