package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.TenantStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Tenants sorted by id. */
final class InMemoryTenantStore implements TenantStore {
  private final ConcurrentSkipListMap<TenantId, Tenant> tenants = new ConcurrentSkipListMap<>();

  @Override
  public boolean create(Tenant tenant) {
    return tenants.putIfAbsent(tenant.tenantId(), tenant) == null;
  }

  @Override
  public Optional<Tenant> get(TenantId id) {
    return Optional.ofNullable(tenants.get(id));
  }

  @Override
  public List<Tenant> list() {
    return List.copyOf(tenants.values());
  }

  @Override
  public boolean update(Tenant tenant) {
    return tenants.computeIfPresent(
            tenant.tenantId(),
            (id, old) -> new Tenant(id, tenant.name(), tenant.config(), old.createdAt()))
        != null;
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
