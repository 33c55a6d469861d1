package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link TenantStore} on the tenant registry {@code tenants}, one of the directory tables outside
 * row-level security (listing every tenant is a super_admin operation; the table holds names and
 * settings, no trace data).
 */
final class PostgresTenantStore implements TenantStore {
  private static final String SELECT = "SELECT tenant_id, name, config, created_at FROM tenants";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresTenantStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public boolean create(Tenant tenant) {
    return db.withoutTenant(
        h ->
            h.createUpdate(
                        "INSERT INTO tenants (tenant_id, name, config, created_at)"
                            + " VALUES (:id, :name, :config::jsonb, :created::timestamptz)"
                            + " ON CONFLICT (tenant_id) DO NOTHING")
                    .bind("id", tenant.tenantId().value())
                    .bind("name", tenant.name())
                    .bind("config", AdminJson.tenantConfig(tenant.config()))
                    .bind("created", Sql.ts(tenant.createdAt()))
                    .execute()
                == 1);
  }

  @Override
  public Optional<Tenant> get(TenantId id) {
    return db.withoutTenant(
        h ->
            h.createQuery(SELECT + " WHERE tenant_id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public List<Tenant> list() {
    // COLLATE "C": the order of TenantId.compareTo, whatever the database's locale.
    return db.withoutTenant(
        h ->
            h.createQuery(SELECT + " ORDER BY tenant_id COLLATE \"C\"")
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public boolean update(Tenant tenant) {
    return db.withoutTenant(
        h ->
            h.createUpdate(
                        "UPDATE tenants SET name = :name, config = :config::jsonb"
                            + " WHERE tenant_id = :id")
                    .bind("id", tenant.tenantId().value())
                    .bind("name", tenant.name())
                    .bind("config", AdminJson.tenantConfig(tenant.config()))
                    .execute()
                == 1);
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static Tenant map(ResultSet rs) throws SQLException {
    return new Tenant(
        TenantId.of(rs.getString("tenant_id")),
        rs.getString("name"),
        AdminJson.tenantConfig(rs.getString("config")),
        Sql.instant(rs, "created_at"));
  }
}
