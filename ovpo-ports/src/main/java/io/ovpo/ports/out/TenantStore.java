package io.ovpo.ports.out;

import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Tenants and their configuration. */
public interface TenantStore extends HealthCheck {
  /** Creates the tenant; false (and no change) when the id exists. */
  boolean create(Tenant tenant);

  Optional<Tenant> get(TenantId id);

  /** All tenants ordered by id. */
  List<Tenant> list();

  /** Replaces an existing tenant's name and config; false when it does not exist. */
  boolean update(Tenant tenant);
}
