package io.ovpo.ports.in;

import io.ovpo.ports.internal.Checks;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Body of {@code POST /v1/admin/api-keys}. */
public record NewApiKey(TenantId tenantId, Role role, String name, Optional<Instant> expiresAt) {
  public NewApiKey {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("role", role);
    Checks.length("name", name, 1, 128);
    Checks.notNull("expires_at", expiresAt);
  }
}
