package io.ovpo.ports.in;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TenantId;
import java.util.List;

/**
 * API keys: a super_admin manages any tenant's keys, an admin its own tenant's (admin:keys); nobody
 * creates a key with a role above their own. Creation and revocation are audited.
 */
public interface ApiKeyAdminUseCase {
  CreatedApiKey create(Principal principal, RequestContext request, NewApiKey key);

  /** The tenant's keys without secrets, newest first. */
  List<ApiKeyRecord> list(Principal principal, TenantId tenantId);

  /**
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND for an unknown key or another tenant's
   */
  void revoke(Principal principal, RequestContext request, KeyId keyId);
}
