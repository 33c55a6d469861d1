package io.ovpo.ports.out;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys (prefix and secret hash only, never the plaintext). */
public interface ApiKeyStore extends HealthCheck {
  /** Stores a new key; false (and no change) when its id or prefix is taken. */
  boolean create(ApiKeyRecord key);

  /** The key with this public prefix, revoked or not. */
  Optional<ApiKeyRecord> findByPrefix(String prefix);

  Optional<ApiKeyRecord> findById(KeyId id);

  /** The tenant's keys, newest first. */
  List<ApiKeyRecord> list(TenantId tenant);

  /** Marks the key revoked at {@code at}; false when unknown or already revoked. */
  boolean revoke(KeyId id, Instant at);

  /** Records a use; may be coalesced (last_used_at is informative, minute precision suffices). */
  void touch(KeyId id, Instant at);
}
