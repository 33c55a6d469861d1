package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ApiKeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@link ApiKeyStore} on {@code api_keys} (row-level security) and {@code api_key_directory}.
 * Authentication knows only the key's prefix, so a lookup first reads the directory (prefix or id
 * to tenant, no secrets), then binds that tenant and reads the key itself under row-level security,
 * in one transaction. The directory's unique constraints also make id and prefix unique across
 * tenants.
 */
final class PostgresApiKeyStore implements ApiKeyStore {
  private static final String SELECT =
      "SELECT tenant_id, key_id, prefix, role, name, secret_sha256, created_at, expires_at,"
          + " revoked_at, last_used_at FROM api_keys";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresApiKeyStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public boolean create(ApiKeyRecord key) {
    return db.withoutTenant(
        h -> {
          int claimed =
              h.createUpdate(
                      "INSERT INTO api_key_directory (key_id, prefix, tenant_id)"
                          + " VALUES (:id::uuid, :prefix, :tenant) ON CONFLICT DO NOTHING")
                  .bind("id", key.keyId().value())
                  .bind("prefix", key.prefix())
                  .bind("tenant", key.tenantId().value())
                  .execute();
          if (claimed == 0) {
            return false;
          }
          Db.bindTenant(h, key.tenantId());
          h.createUpdate(
                  "INSERT INTO api_keys (tenant_id, key_id, prefix, role, name, secret_sha256,"
                      + " created_at, expires_at, revoked_at, last_used_at) VALUES (:tenant,"
                      + " :id::uuid, :prefix, :role, :name, :secret, :created::timestamptz,"
                      + " :expires::timestamptz, :revoked::timestamptz, :used::timestamptz)")
              .bind("tenant", key.tenantId().value())
              .bind("id", key.keyId().value())
              .bind("prefix", key.prefix())
              .bind("role", key.role().name())
              .bind("name", key.name())
              .bind("secret", key.secretSha256())
              .bind("created", Sql.ts(key.createdAt()))
              .bind("expires", Sql.ts(key.expiresAt()))
              .bind("revoked", Sql.ts(key.revokedAt()))
              .bind("used", Sql.ts(key.lastUsedAt()))
              .execute();
          return true;
        });
  }

  @Override
  public Optional<ApiKeyRecord> findByPrefix(String prefix) {
    return db.withoutTenant(h -> find(h, "prefix = :value", prefix));
  }

  @Override
  public Optional<ApiKeyRecord> findById(KeyId id) {
    return db.withoutTenant(h -> find(h, "key_id = :value::uuid", id.value()));
  }

  @Override
  public List<ApiKeyRecord> list(TenantId tenant) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    SELECT + " WHERE tenant_id = :tenant ORDER BY created_at DESC, key_id DESC")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public boolean revoke(KeyId id, Instant at) {
    return db.withoutTenant(
        h ->
            enterTenantOf(h, id)
                && h.createUpdate(
                            "UPDATE api_keys SET revoked_at = :at::timestamptz"
                                + " WHERE key_id = :id::uuid AND revoked_at IS NULL")
                        .bind("id", id.value())
                        .bind("at", Sql.ts(at))
                        .execute()
                    == 1);
  }

  @Override
  public void touch(KeyId id, Instant at) {
    // Coalesced to one write per key and minute: authentication must not become a write hot spot.
    db.withoutTenant(
        h ->
            enterTenantOf(h, id)
                && h.createUpdate(
                            "UPDATE api_keys SET last_used_at = :at::timestamptz"
                                + " WHERE key_id = :id::uuid AND (last_used_at IS NULL"
                                + " OR last_used_at < :at::timestamptz - interval '1 minute')")
                        .bind("id", id.value())
                        .bind("at", Sql.ts(at))
                        .execute()
                    == 1);
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  /** Looks the key up in the directory, then reads it under its tenant's row-level security. */
  private static Optional<ApiKeyRecord> find(Handle h, String condition, String value) {
    Optional<String[]> entry =
        h.createQuery("SELECT tenant_id, key_id FROM api_key_directory WHERE " + condition)
            .bind("value", value)
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .findOne();
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Db.bindTenant(h, TenantId.of(entry.get()[0]));
    return h.createQuery(SELECT + " WHERE key_id = :id::uuid")
        .bind("id", entry.get()[1])
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** Binds the key's tenant to the transaction; false for an unknown key. */
  private static boolean enterTenantOf(Handle h, KeyId id) {
    Optional<String> tenant =
        h.createQuery("SELECT tenant_id FROM api_key_directory WHERE key_id = :id::uuid")
            .bind("id", id.value())
            .mapTo(String.class)
            .findOne();
    tenant.ifPresent(t -> Db.bindTenant(h, TenantId.of(t)));
    return tenant.isPresent();
  }

  private static ApiKeyRecord map(ResultSet rs) throws SQLException {
    return new ApiKeyRecord(
        KeyId.of(rs.getString("key_id")),
        rs.getString("prefix"),
        TenantId.of(rs.getString("tenant_id")),
        Role.valueOf(rs.getString("role")),
        rs.getString("name"),
        rs.getString("secret_sha256"),
        Sql.instant(rs, "created_at"),
        Sql.optInstant(rs, "expires_at"),
        Sql.optInstant(rs, "revoked_at"),
        Sql.optInstant(rs, "last_used_at"));
  }
}
