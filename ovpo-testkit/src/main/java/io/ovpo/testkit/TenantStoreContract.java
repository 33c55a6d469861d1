package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.TenantStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TenantStore}: create-once, get, list by id, update of name and config.
 * Implement {@link #newStore()}; see {@link StoreContract} for the other hooks. {@code list()} is
 * global, so tests look only at their own tenants in it.
 */
public abstract class TenantStoreContract<T extends TenantStore> extends StoreContract<T> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void create_thenGet_roundTripsEveryField() {
    Tenant plain = fx.tenantRecord(fx.tenant());
    Tenant custom =
        new Tenant(
            fx.tenant(), "Studio ✓ \"quoted\"", fx.customConfig(), Fixtures.T0.plusMillis(7));
    assertThat(store.create(plain)).isTrue();
    assertThat(store.create(custom)).isTrue();
    assertThat(store.get(plain.tenantId())).contains(plain);
    assertThat(store.get(custom.tenantId())).contains(custom);
  }

  @Test
  void get_unknownTenant_isEmpty() {
    assertThat(store.get(fx.tenant())).isEmpty();
  }

  @Test
  void create_existingId_isRefusedAndChangesNothing() {
    Tenant first = fx.tenantRecord(fx.tenant());
    store.create(first);
    Tenant again = new Tenant(first.tenantId(), "other", fx.customConfig(), Fixtures.T0);
    assertThat(store.create(again)).isFalse();
    assertThat(store.get(first.tenantId())).contains(first);
  }

  @Test
  void create_concurrentlyWithOneId_exactlyOneWins() {
    TenantId id = fx.tenant();
    List<Boolean> won =
        Concurrently.run(
            8, i -> store.create(new Tenant(id, "n" + i, TenantConfig.DEFAULT, Fixtures.T0)));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.get(id).orElseThrow().name()).isEqualTo("n" + won.indexOf(true));
  }

  @Test
  void list_isOrderedById() {
    List<TenantId> mine = List.of(fx.tenant(), fx.tenant(), fx.tenant(), fx.tenant());
    for (int i = mine.size() - 1; i >= 0; i--) {
      store.create(fx.tenantRecord(mine.get(i)));
    }
    List<Tenant> all = store.list();
    assertThat(all).extracting(Tenant::tenantId).isSorted();
    assertThat(all)
        .extracting(Tenant::tenantId)
        .filteredOn(Set.copyOf(mine)::contains)
        .containsExactlyElementsOf(mine.stream().sorted().toList());
  }

  @Test
  void update_existingTenant_replacesNameAndConfigButNotCreation() {
    Tenant t = fx.tenantRecord(fx.tenant());
    store.create(t);
    Tenant changed =
        new Tenant(t.tenantId(), "Renamed", fx.customConfig(), Fixtures.T0.plusSeconds(99));
    assertThat(store.update(changed)).isTrue();
    assertThat(store.get(t.tenantId()))
        .contains(new Tenant(t.tenantId(), "Renamed", fx.customConfig(), t.createdAt()));
  }

  @Test
  void update_unknownTenant_isRefusedAndCreatesNothing() {
    Tenant t = fx.tenantRecord(fx.tenant());
    assertThat(store.update(t)).isFalse();
    assertThat(store.get(t.tenantId())).isEmpty();
  }
}
