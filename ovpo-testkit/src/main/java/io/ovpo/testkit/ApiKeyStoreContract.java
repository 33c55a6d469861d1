package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore}: unique ids and prefixes, lookups, revocation, last use and
 * newest-first listing per tenant. Implement {@link #newStore()}; see {@link StoreContract} for the
 * other hooks.
 */
public abstract class ApiKeyStoreContract<K extends ApiKeyStore> extends StoreContract<K> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void create_thenFindByPrefixAndById_roundTripsEveryField() {
    ApiKeyRecord key = fx.apiKey(fx.tenant(), Fixtures.T0);
    ApiKeyRecord admin =
        new ApiKeyRecord(
            fx.keyId(),
            fx.keyPrefix(),
            fx.tenant(),
            Role.SUPER_ADMIN,
            "bootstrap",
            fx.hex64(),
            Fixtures.T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(store.create(key)).isTrue();
    assertThat(store.create(admin)).isTrue();
    assertThat(store.findByPrefix(key.prefix())).contains(key);
    assertThat(store.findById(key.keyId())).contains(key);
    assertThat(store.findById(admin.keyId())).contains(admin);
  }

  @Test
  void unknownPrefixOrId_isEmpty() {
    assertThat(store.findByPrefix(fx.keyPrefix())).isEmpty();
    assertThat(store.findById(fx.keyId())).isEmpty();
  }

  @Test
  void create_takenPrefix_isRefusedAndChangesNothing() {
    ApiKeyRecord first = fx.apiKey(fx.tenant(), Fixtures.T0);
    store.create(first);
    ApiKeyRecord clash = withPrefix(fx.apiKey(fx.tenant(), Fixtures.T0), first.prefix());
    assertThat(store.create(clash)).isFalse();
    assertThat(store.findByPrefix(first.prefix())).contains(first);
    assertThat(store.findById(clash.keyId())).isEmpty();
  }

  @Test
  void create_takenId_isRefused() {
    ApiKeyRecord first = fx.apiKey(fx.tenant(), Fixtures.T0);
    store.create(first);
    ApiKeyRecord clash =
        new ApiKeyRecord(
            first.keyId(),
            fx.keyPrefix(),
            first.tenantId(),
            Role.VIEWER,
            "clash",
            fx.hex64(),
            Fixtures.T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(store.create(clash)).isFalse();
    assertThat(store.findById(first.keyId())).contains(first);
    assertThat(store.findByPrefix(clash.prefix())).isEmpty();
  }

  @Test
  void create_concurrentlyWithOnePrefix_exactlyOneWins() {
    TenantId tenant = fx.tenant();
    String prefix = fx.keyPrefix();
    List<ApiKeyRecord> candidates =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> withPrefix(fx.apiKey(tenant, Fixtures.T0), prefix))
            .toList();
    List<Boolean> won = Concurrently.run(8, i -> store.create(candidates.get(i)));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.findByPrefix(prefix)).contains(candidates.get(won.indexOf(true)));
  }

  @Test
  void list_isTheTenantsKeysNewestFirst() {
    TenantId tenant = fx.tenant();
    ApiKeyRecord oldest = fx.apiKey(tenant, Fixtures.T0.minus(Duration.ofDays(3)));
    ApiKeyRecord newest = fx.apiKey(tenant, Fixtures.T0);
    ApiKeyRecord middle = fx.apiKey(tenant, Fixtures.T0.minus(Duration.ofDays(1)));
    store.create(oldest);
    store.create(newest);
    store.create(middle);
    store.create(fx.apiKey(fx.tenant(), Fixtures.T0.plusSeconds(1)));
    store.revoke(middle.keyId(), Fixtures.T0);
    assertThat(store.list(tenant))
        .extracting(ApiKeyRecord::keyId)
        .containsExactly(newest.keyId(), middle.keyId(), oldest.keyId());
    assertThat(store.list(fx.tenant())).isEmpty();
  }

  @Test
  void revoke_marksTheKeyRevokedOnce() {
    ApiKeyRecord key = fx.apiKey(fx.tenant(), Fixtures.T0);
    store.create(key);
    Instant at = Fixtures.T0.plusSeconds(3600);
    assertThat(store.revoke(key.keyId(), at)).isTrue();
    ApiKeyRecord revoked = store.findByPrefix(key.prefix()).orElseThrow();
    assertThat(revoked.revokedAt()).contains(at);
    assertThat(revoked.activeAt(at.plusSeconds(1))).isFalse();
    assertThat(store.revoke(key.keyId(), at.plusSeconds(60))).isFalse();
    assertThat(store.findById(key.keyId()).orElseThrow().revokedAt()).contains(at);
    assertThat(store.revoke(fx.keyId(), at)).isFalse();
  }

  @Test
  void touch_recordsTheLastUse() {
    ApiKeyRecord key = fx.apiKey(fx.tenant(), Fixtures.T0);
    store.create(key);
    Instant at = Fixtures.T0.plus(Duration.ofHours(5));
    store.touch(key.keyId(), at);
    Instant lastUsed = store.findById(key.keyId()).orElseThrow().lastUsedAt().orElseThrow();
    assertThat(Duration.between(lastUsed, at).abs()).isLessThanOrEqualTo(Duration.ofMinutes(1));
    ApiKeyRecord after = store.findById(key.keyId()).orElseThrow();
    assertThat(after.secretSha256()).isEqualTo(key.secretSha256());
    assertThat(after.revokedAt()).isEmpty();
    store.touch(fx.keyId(), at);
  }

  private static ApiKeyRecord withPrefix(ApiKeyRecord k, String prefix) {
    return new ApiKeyRecord(
        k.keyId(),
        prefix,
        k.tenantId(),
        k.role(),
        k.name(),
        k.secretSha256(),
        k.createdAt(),
        k.expiresAt(),
        k.revokedAt(),
        k.lastUsedAt());
  }
}
