package io.ovpo.compliance;

import java.util.Objects;

/**
 * A tenant the kit created through the admin API (spec 06 §6.2, §6.4) for checks that need a second
 * tenant or a key of a given role.
 *
 * @param tenantId the new tenant
 * @param viewer a viewer key of it
 * @param developer a developer key
 * @param admin an admin key
 * @param developerKeyId the developer key's {@code key_id}
 * @param adminKeyId the admin key's {@code key_id}
 */
public record TenantFixture(
    String tenantId,
    String viewer,
    String developer,
    String admin,
    String developerKeyId,
    String adminKeyId) {
  public TenantFixture {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(developer, "developer");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(developerKeyId, "developerKeyId");
    Objects.requireNonNull(adminKeyId, "adminKeyId");
  }
}
