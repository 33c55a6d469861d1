package io.ovpo.ports.in;

import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TimeRange;
import java.util.Optional;

/** Reading and verifying the caller's tenant's audit trail (admin role: admin:keys). */
public interface AuditUseCase {
  /**
   * @throws io.ovpo.ports.error.OvpoException INVALID_CURSOR for a bad cursor
   */
  AuditPage list(
      Principal principal,
      Optional<AuditAction> action,
      TimeRange range,
      int limit,
      Optional<String> cursor);

  AuditVerification verify(Principal principal);
}
