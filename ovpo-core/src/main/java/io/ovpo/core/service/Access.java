package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;

/** Permission checks shared by the services; every refusal is FORBIDDEN with a safe message. */
final class Access {
  private Access() {}

  static void require(Principal principal, Permission permission) {
    if (!principal.can(permission)) {
      throw new OvpoException(
          ErrorCode.FORBIDDEN,
          "the API key's role '"
              + principal.role().wire()
              + "' lacks the permission '"
              + permission.wire()
              + "'");
    }
  }

  /**
   * An admin manages its own tenant; only a super_admin (admin:tenants) reaches other tenants.
   * Another tenant is answered exactly like a tenant that does not exist (spec 06 §4, target-tenant
   * rule: 404 "tenant not found"), and without a lookup, so nothing tells whether it exists.
   */
  static void requireTenantAdmin(Principal principal, TenantId tenant) {
    require(principal, Permission.ADMIN_KEYS);
    if (!principal.tenantId().equals(tenant) && !principal.can(Permission.ADMIN_TENANTS)) {
      throw new OvpoException(ErrorCode.NOT_FOUND, "tenant not found");
    }
  }

  static boolean isSuperAdmin(Principal principal) {
    return principal.role() == Role.SUPER_ADMIN;
  }
}
