package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored API key. The plaintext {@code ovpo_<prefix>_<secret>} is shown once at creation; only
 * the public prefix (to find the key) and the SHA-256 of the secret are kept.
 *
 * @param secretSha256 lower-case hex SHA-256 of the secret part
 */
public record ApiKeyRecord(
    KeyId keyId,
    String prefix,
    TenantId tenantId,
    Role role,
    String name,
    String secretSha256,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt) {
  public static final Pattern PREFIX = Pattern.compile("^[a-z0-9]{8,16}$");

  public ApiKeyRecord {
    Checks.notNull("key_id", keyId);
    Checks.matches("prefix", prefix, PREFIX);
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("role", role);
    Checks.length("name", name, 1, 128);
    Checks.matches("secret_sha256", secretSha256, Checks.HEX64);
    Checks.notNull("created_at", createdAt);
    Checks.notNull("expires_at", expiresAt);
    Checks.notNull("revoked_at", revokedAt);
    Checks.notNull("last_used_at", lastUsedAt);
  }

  /** Usable now: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}
