package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link AuditLog} on the insert-only, monthly-partitioned {@code audit_log}. The chain head lives
 * in {@code audit_head}: an append moves the head from n-1 to n and inserts record n in one
 * transaction, so of two appends of one sequence exactly one commits its record.
 */
final class PostgresAuditLog implements AuditLog {
  private static final String COLUMNS =
      "tenant_id, sequence, \"timestamp\", action, actor_id, actor_ip, user_agent, resource_id,"
          + " details, previous_hash, record_hash";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM audit_log";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresAuditLog(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public Optional<AuditRecord> head(TenantId tenant) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(SELECT + " WHERE tenant_id = :tenant ORDER BY sequence DESC LIMIT 1")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public boolean append(AuditRecord record) {
    AuditEvent e = record.event();
    String moveHead =
        record.sequence() == 1
            ? "INSERT INTO audit_head (tenant_id, sequence) VALUES (:tenant, 1)"
                + " ON CONFLICT (tenant_id) DO NOTHING"
            : "UPDATE audit_head SET sequence = :seq"
                + " WHERE tenant_id = :tenant AND sequence = :seq - 1";
    return db.inTenant(
        e.tenantId(),
        h -> {
          int moved =
              h.createUpdate(moveHead)
                  .bind("tenant", e.tenantId().value())
                  .bind("seq", record.sequence())
                  .execute();
          if (moved == 0) {
            return false;
          }
          h.createUpdate(
                  "INSERT INTO audit_log ("
                      + COLUMNS
                      + ") VALUES (:tenant, :seq, :at::timestamptz, :action, :actor, :ip, :agent,"
                      + " :resource, :details::jsonb, :previous, :hash)")
              .bind("tenant", e.tenantId().value())
              .bind("seq", record.sequence())
              .bind("at", Sql.ts(e.timestamp()))
              .bind("action", e.action().name())
              .bind("actor", e.actorId())
              .bind("ip", e.actorIp().orElse(null))
              .bind("agent", e.userAgent().orElse(null))
              .bind("resource", e.resourceId().orElse(null))
              .bind("details", Json.write(ValueJson.strings(e.details())))
              .bind("previous", record.previousHash())
              .bind("hash", record.recordHash())
              .execute();
          return true;
        });
  }

  @Override
  public List<AuditRecord> list(AuditQuery q) {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE tenant_id = :tenant");
    q.action().ifPresent(a -> sql.append(" AND action = :action"));
    Filters.range(sql, "\"timestamp\"", q.timestamp());
    q.beforeSequence().ifPresent(s -> sql.append(" AND sequence < :before"));
    sql.append(" ORDER BY sequence DESC LIMIT :limit");
    return db.inTenantForPage(
        q.tenantId(),
        h -> {
          Query query =
              h.createQuery(sql.toString())
                  .bind("tenant", q.tenantId().value())
                  .bind("action", q.action().map(AuditAction::name).orElse(null))
                  .bind("limit", q.limit());
          q.beforeSequence().ifPresent(s -> query.bind("before", s));
          Filters.bindRange(query, "\"timestamp\"", q.timestamp());
          return query.map((rs, ctx) -> map(rs)).list();
        });
  }

  @Override
  public List<AuditRecord> ascending(TenantId tenant, long fromSequence, int limit) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE tenant_id = :tenant AND sequence >= :from"
                        + " ORDER BY sequence LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("from", fromSequence)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public int deleteBefore(TenantId tenant, Instant cutoff) {
    // The runtime role may not delete audit records; the function of migration V5 runs as the
    // owner and deletes only the oldest records before the cutoff, never the newest.
    return db.inTenant(
        tenant,
        h ->
            h.createQuery("SELECT ovpo_audit_retention(:tenant, :cutoff::timestamptz)")
                .bind("tenant", tenant.value())
                .bind("cutoff", Sql.ts(cutoff))
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static AuditRecord map(ResultSet rs) throws SQLException {
    AuditEvent event =
        new AuditEvent(
            TenantId.of(rs.getString("tenant_id")),
            AuditAction.valueOf(rs.getString("action")),
            rs.getString("actor_id"),
            Sql.optString(rs, "actor_ip"),
            Sql.optString(rs, "user_agent"),
            Sql.instant(rs, "timestamp"),
            Sql.optString(rs, "resource_id"),
            ValueJson.strings(Json.read(rs.getString("details"))));
    return new AuditRecord(
        event, rs.getLong("sequence"), rs.getString("previous_hash"), rs.getString("record_hash"));
  }
}
