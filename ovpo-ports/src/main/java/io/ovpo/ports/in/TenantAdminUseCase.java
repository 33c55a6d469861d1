package io.ovpo.ports.in;

import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Tenants. Creating and listing need admin:tenants (super_admin); an admin may read and configure
 * its own tenant. Config changes are audited (CONFIG_CHANGE).
 */
public interface TenantAdminUseCase {
  /**
   * @throws io.ovpo.ports.error.OvpoException CONFLICT when the id exists
   */
  Tenant create(
      Principal principal, RequestContext request, TenantId tenantId, Optional<String> name);

  List<Tenant> list(Principal principal);

  /**
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND
   */
  Tenant get(Principal principal, TenantId tenantId);

  Tenant updateConfig(
      Principal principal, RequestContext request, TenantId tenantId, TenantConfig config);
}
