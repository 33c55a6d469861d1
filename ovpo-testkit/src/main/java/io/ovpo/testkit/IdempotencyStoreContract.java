package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdempotencyStore}: atomic claims, replay of completed receipts, conflicts
 * on another body, release, and the lock and receipt lifetimes. Implement {@link #newStore()}; a
 * store that expires keys by its backend's clock overrides {@link #usesBackendClock()} (the lock
 * and receipt lifetimes used here are about a second).
 */
public abstract class IdempotencyStoreContract<I extends IdempotencyStore>
    extends StoreContract<I> {
  /** Short, so backends that really wait stay fast. */
  protected static final Duration LOCK_TTL = Duration.ofSeconds(1);

  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration MARGIN = Duration.ofMillis(150);

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void claim_newKey_isAcquired() {
    assertThat(claim(fx.tenant(), "key-1", hash("a")))
        .isInstanceOf(IdempotencyClaim.Acquired.class);
  }

  @Test
  void claim_whileInProgress_withTheSameBody_isInProgress() {
    TenantId tenant = fx.tenant();
    claim(tenant, "k", hash("a"));
    assertThat(claim(tenant, "k", hash("a"))).isInstanceOf(IdempotencyClaim.InProgress.class);
  }

  @Test
  void claim_whileInProgress_withAnotherBody_isConflict() {
    TenantId tenant = fx.tenant();
    claim(tenant, "k", hash("a"));
    assertThat(claim(tenant, "k", hash("b"))).isInstanceOf(IdempotencyClaim.Conflict.class);
  }

  @Test
  void claim_afterComplete_withTheSameBody_replaysTheReceipt() {
    TenantId tenant = fx.tenant();
    IngestReceipt receipt = fx.receipt();
    claim(tenant, "k", hash("a"));
    store.complete(tenant, "k", hash("a"), receipt, clock.instant().plus(DAY));
    assertThat(claim(tenant, "k", hash("a"))).isEqualTo(new IdempotencyClaim.Completed(receipt));
  }

  @Test
  void claim_afterComplete_replaysARejectedBatchReceiptToo() {
    TenantId tenant = fx.tenant();
    IngestReceipt rejected =
        new IngestReceipt(
            "req-400",
            400,
            0,
            2,
            false,
            List.of(
                new ItemError(0, Optional.empty(), ErrorCode.SCHEMA_VIOLATION, "", "no item_type"),
                new ItemError(1, Optional.empty(), ErrorCode.SEMANTIC_VIOLATION, "/data", "x")));
    claim(tenant, "k", hash("a"));
    store.complete(tenant, "k", hash("a"), rejected, clock.instant().plus(DAY));
    assertThat(claim(tenant, "k", hash("a"))).isEqualTo(new IdempotencyClaim.Completed(rejected));
  }

  @Test
  void claim_afterComplete_withAnotherBody_isConflict() {
    TenantId tenant = fx.tenant();
    claim(tenant, "k", hash("a"));
    store.complete(tenant, "k", hash("a"), fx.receipt(), clock.instant().plus(DAY));
    assertThat(claim(tenant, "k", hash("b"))).isInstanceOf(IdempotencyClaim.Conflict.class);
  }

  @Test
  void release_thenClaim_isAcquiredAgain() {
    TenantId tenant = fx.tenant();
    claim(tenant, "k", hash("a"));
    store.release(tenant, "k");
    assertThat(claim(tenant, "k", hash("a"))).isInstanceOf(IdempotencyClaim.Acquired.class);
    store.release(tenant, "k");
    assertThat(claim(tenant, "k", hash("b"))).isInstanceOf(IdempotencyClaim.Acquired.class);
  }

  @Test
  void claim_concurrentRequests_exactlyOneAcquires() {
    TenantId tenant = fx.tenant();
    List<IdempotencyClaim> claims = Concurrently.run(16, i -> claim(tenant, "race", hash("a")));
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.Acquired).hasSize(1);
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.InProgress).hasSize(15);
  }

  @Test
  void claim_concurrentRequestsWithDifferentBodies_exactlyOneAcquires() {
    TenantId tenant = fx.tenant();
    List<IdempotencyClaim> claims =
        Concurrently.run(16, i -> claim(tenant, "race", hash("body-" + (i % 2))));
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.Acquired).hasSize(1);
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.Conflict).hasSize(8);
  }

  @Test
  void claim_withinTheLockTtl_isInProgress() {
    TenantId tenant = fx.tenant();
    claim(tenant, "k", hash("a"));
    elapse(LOCK_TTL.dividedBy(2));
    assertThat(claim(tenant, "k", hash("a"))).isInstanceOf(IdempotencyClaim.InProgress.class);
  }

  @Test
  void claim_afterTheLockTtlOfACrashedOwner_isAcquiredAgain() {
    TenantId tenant = fx.tenant();
    claim(tenant, "older", hash("x"));
    store.complete(tenant, "older", hash("x"), fx.receipt(), clock.instant().plus(DAY));
    claim(tenant, "k", hash("a"));
    elapse(LOCK_TTL.plus(MARGIN));
    assertThat(claim(tenant, "k", hash("a"))).isInstanceOf(IdempotencyClaim.Acquired.class);
  }

  @Test
  void completedKey_keepsReplayingAfterTheLockTtl() {
    TenantId tenant = fx.tenant();
    IngestReceipt receipt = fx.receipt();
    claim(tenant, "k", hash("a"));
    store.complete(tenant, "k", hash("a"), receipt, clock.instant().plus(DAY));
    elapse(LOCK_TTL.plus(MARGIN));
    assertThat(claim(tenant, "k", hash("a"))).isEqualTo(new IdempotencyClaim.Completed(receipt));
  }

  @Test
  void completedKey_afterItsExpiry_isAcquiredAgain() {
    TenantId tenant = fx.tenant();
    claim(tenant, "older", hash("x"));
    store.complete(tenant, "older", hash("x"), fx.receipt(), clock.instant().plus(DAY));
    claim(tenant, "k", hash("a"));
    store.complete(tenant, "k", hash("a"), fx.receipt(), clock.instant().plus(LOCK_TTL));
    elapse(LOCK_TTL.plus(MARGIN));
    assertThat(claim(tenant, "k", hash("b"))).isInstanceOf(IdempotencyClaim.Acquired.class);
  }

  @Test
  void keys_areScopedPerTenant() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    claim(a, "shared-key", hash("a"));
    store.complete(a, "shared-key", hash("a"), fx.receipt(), clock.instant().plus(DAY));
    assertThat(claim(b, "shared-key", hash("b"))).isInstanceOf(IdempotencyClaim.Acquired.class);
    store.release(b, "shared-key");
    assertThat(claim(a, "shared-key", hash("a"))).isInstanceOf(IdempotencyClaim.Completed.class);
  }

  @Test
  void keys_mayHoldAnyVisibleAscii() {
    TenantId tenant = fx.tenant();
    String key = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "x".repeat(96);
    claim(tenant, key, hash("a"));
    store.complete(tenant, key, hash("a"), fx.receipt(), clock.instant().plus(DAY));
    assertThat(claim(tenant, key, hash("a"))).isInstanceOf(IdempotencyClaim.Completed.class);
    assertThat(claim(tenant, key.substring(1), hash("a")))
        .isInstanceOf(IdempotencyClaim.Acquired.class);
  }

  // ---- helpers ----

  /** Claims at the test clock's current time with {@link #LOCK_TTL}. */
  protected IdempotencyClaim claim(TenantId tenant, String key, String requestHash) {
    Instant now = clock.instant();
    return store.claim(tenant, key, requestHash, now, LOCK_TTL);
  }

  /** A request hash (SHA-256 hex) of {@code body}. */
  protected static String hash(String body) {
    return Fixtures.sha256Hex(body.getBytes(Fixtures.UTF8));
  }
}
