package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * What a valid signed download link grants: the object {@code key}, for the tenant whose authorised
 * artifact lookup issued the link (spec 05 §7 rule 3 signs both).
 */
public record ObjectGrant(TenantId tenantId, String key) {
  public ObjectGrant {
    Checks.notNull("tenant_id", tenantId);
    Checks.length("key", key, 1, 2048);
  }
}
