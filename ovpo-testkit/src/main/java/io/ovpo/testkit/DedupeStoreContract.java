package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DedupeStore}: per-tenant seen-sets with expiry, extended by remembering
 * again. Implement {@link #newStore()}; a store that expires keys by its backend's clock overrides
 * {@link #usesBackendClock()} (the lifetimes used here are about a second).
 */
public abstract class DedupeStoreContract<D extends DedupeStore> extends StoreContract<D> {
  private static final Duration LIFETIME = Duration.ofSeconds(1);
  private static final Duration MARGIN = Duration.ofMillis(150);

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void seen_withNothingRemembered_isEmpty() {
    assertThat(store.seen(fx.tenant(), List.of("a", "b"), clock.instant())).isEmpty();
    assertThat(store.seen(fx.tenant(), List.of(), clock.instant())).isEmpty();
  }

  @Test
  void remember_thenSeen_returnsTheRememberedSubset() {
    TenantId tenant = fx.tenant();
    store.remember(tenant, List.of("span:1", "event:2"), in(Duration.ofHours(24)));
    assertThat(store.seen(tenant, List.of("span:1", "event:2", "event:3"), clock.instant()))
        .containsExactlyInAnyOrder("span:1", "event:2");
  }

  @Test
  void remember_nothing_isANoOp() {
    TenantId tenant = fx.tenant();
    store.remember(tenant, List.of(), in(Duration.ofHours(24)));
    assertThat(store.seen(tenant, List.of("x"), clock.instant())).isEmpty();
  }

  @Test
  void keys_areScopedPerTenant() {
    TenantId a = fx.tenant();
    store.remember(a, List.of("trace:abc"), in(Duration.ofHours(24)));
    assertThat(store.seen(fx.tenant(), List.of("trace:abc"), clock.instant())).isEmpty();
  }

  @Test
  void seen_afterExpiry_forgetsTheKey() {
    TenantId tenant = fx.tenant();
    store.remember(tenant, List.of("short"), in(LIFETIME));
    store.remember(tenant, List.of("long"), in(Duration.ofHours(24)));
    assertThat(store.seen(tenant, List.of("short", "long"), clock.instant())).hasSize(2);
    elapse(LIFETIME.plus(MARGIN));
    assertThat(store.seen(tenant, List.of("short", "long"), clock.instant()))
        .containsExactly("long");
  }

  @Test
  void rememberAgain_extendsTheExpiry() {
    TenantId tenant = fx.tenant();
    store.remember(tenant, List.of("k"), in(LIFETIME));
    store.remember(tenant, List.of("k"), in(Duration.ofHours(24)));
    elapse(LIFETIME.plus(MARGIN));
    assertThat(store.seen(tenant, List.of("k"), clock.instant())).containsExactly("k");
  }

  @Test
  void largeBatches_areRememberedCompletely() {
    TenantId tenant = fx.tenant();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add("frame_event:" + fx.uuid());
    }
    store.remember(tenant, keys, in(Duration.ofHours(24)));
    List<String> probe = new ArrayList<>(keys.subList(0, 2_500));
    probe.add("frame_event:" + fx.uuid());
    Set<String> seen = store.seen(tenant, probe, clock.instant());
    assertThat(seen).isEqualTo(new HashSet<>(keys.subList(0, 2_500)));
  }

  @Test
  void concurrentRemembers_areAllKept() {
    TenantId tenant = fx.tenant();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      keys.add("span:" + i);
    }
    Concurrently.runAll(
        8,
        i ->
            store.remember(tenant, keys.subList(i * 100, i * 100 + 100), in(Duration.ofHours(24))));
    assertThat(store.seen(tenant, keys, clock.instant())).hasSize(800);
  }

  private Instant in(Duration d) {
    return clock.instant().plus(d);
  }
}
