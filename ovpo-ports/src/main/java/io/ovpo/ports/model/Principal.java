package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * The authenticated caller of a request: the tenant and role come from the API key and nothing
 * else.
 *
 * @param actorId stable, non-secret identity for audit records ({@code key:<key_id>}, spec 07 §2)
 */
public record Principal(TenantId tenantId, KeyId keyId, Role role, String actorId) {
  public Principal {
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("key_id", keyId);
    Checks.notNull("role", role);
    Checks.length("actor_id", actorId, 1, 256);
  }

  public boolean can(Permission p) {
    return role.can(p);
  }
}
