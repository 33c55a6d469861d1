package io.ovpo.wire;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.model.TenantId;
import java.util.Optional;

/** Body of {@code POST /v1/admin/tenants}: {@code {tenant_id, name?}} (name 1..256 chars). */
public record NewTenant(TenantId tenantId, Optional<String> name) {
  public NewTenant {
    if (tenantId == null) {
      throw new InvalidValueException("tenant_id", "is required");
    }
    if (name == null) {
      throw new InvalidValueException("name", "is required");
    }
    if (name.filter(n -> n.isEmpty() || n.length() > 256).isPresent()) {
      throw new InvalidValueException("name", "length must be between 1 and 256");
    }
  }
}
