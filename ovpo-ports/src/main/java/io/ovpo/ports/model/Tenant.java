package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/** A tenant: an isolated space of traces, keys and audit records. */
public record Tenant(TenantId tenantId, String name, TenantConfig config, Instant createdAt) {
  public Tenant {
    Checks.notNull("tenant_id", tenantId);
    Checks.length("name", name, 1, 256);
    Checks.notNull("config", config);
    Checks.notNull("created_at", createdAt);
  }
}
