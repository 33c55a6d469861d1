package io.ovpo.ports.in;

import io.ovpo.ports.model.TenantId;
import java.util.Optional;

/**
 * Start-up provisioning: makes sure the bootstrap tenant exists with the given rate tier and holds
 * a super_admin key. With {@code apiKey} given, that exact key is registered if absent; without it,
 * a key is generated only when the tenant has no active super_admin key yet.
 */
public interface BootstrapUseCase {
  /**
   * @return the generated plaintext key, when one was generated (print it once)
   */
  Optional<String> ensure(TenantId tenant, Optional<String> apiKey, String rateTier);
}
