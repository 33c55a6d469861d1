package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TombstoneStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link TombstoneStore} on {@code tombstones} and {@code deleted_traces} (row-level security).
 * RUNNING deletions are also listed in the cross-tenant {@code running_deletions} (ids and times
 * only), so {@link #running()} can find them after a restart without reading across tenants.
 */
final class PostgresTombstoneStore implements TombstoneStore {
  private static final String SELECT =
      "SELECT tenant_id, deletion_id, deleted_at, deleted_by, reason, user_id_hash, trace_count,"
          + " held_count, state FROM tombstones";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresTombstoneStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public void save(Tombstone t) {
    db.inTenant(
        t.tenantId(),
        h -> {
          h.createUpdate(
                  "INSERT INTO tombstones (tenant_id, deletion_id, deleted_at, deleted_by, reason,"
                      + " user_id_hash, trace_count, held_count, state) VALUES (:tenant, :id::uuid,"
                      + " :at::timestamptz, :by, :reason, :user, :traces, :held, :state)"
                      + " ON CONFLICT (tenant_id, deletion_id) DO UPDATE SET"
                      + " deleted_at = excluded.deleted_at, deleted_by = excluded.deleted_by,"
                      + " reason = excluded.reason, user_id_hash = excluded.user_id_hash,"
                      + " trace_count = excluded.trace_count, held_count = excluded.held_count,"
                      + " state = excluded.state")
              .bind("tenant", t.tenantId().value())
              .bind("id", t.deletionId().value())
              .bind("at", Sql.ts(t.deletedAt()))
              .bind("by", t.deletedBy())
              .bind("reason", t.reason())
              .bind("user", t.userIdHash().orElse(null))
              .bind("traces", t.traceCount())
              .bind("held", t.heldCount())
              .bind("state", t.state().name())
              .execute();
          String work =
              t.state() == DeletionState.RUNNING
                  ? "INSERT INTO running_deletions (deletion_id, tenant_id, deleted_at)"
                      + " VALUES (:id::uuid, :tenant, :at::timestamptz)"
                      + " ON CONFLICT (deletion_id) DO UPDATE SET deleted_at = excluded.deleted_at"
                  : "DELETE FROM running_deletions WHERE deletion_id = :id::uuid";
          return h.createUpdate(work)
              .bind("id", t.deletionId().value())
              .bind("tenant", t.tenantId().value())
              .bind("at", Sql.ts(t.deletedAt()))
              .execute();
        });
  }

  @Override
  public Optional<Tombstone> get(TenantId tenant, DeletionId id) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(SELECT + " WHERE tenant_id = :tenant AND deletion_id = :id::uuid")
                .bind("tenant", tenant.value())
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  @Override
  public List<Tombstone> running() {
    return db.withoutTenant(
        h -> {
          Map<String, List<String>> idsByTenant = new LinkedHashMap<>();
          h.createQuery("SELECT tenant_id, deletion_id FROM running_deletions")
              .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
              .forEach(r -> idsByTenant.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
          List<Tombstone> out = new ArrayList<>();
          for (Map.Entry<String, List<String>> e : idsByTenant.entrySet()) {
            Db.bindTenant(h, TenantId.of(e.getKey()));
            out.addAll(
                h.createQuery(
                        SELECT + " WHERE deletion_id = ANY(:ids::uuid[]) AND state = 'RUNNING'")
                    .bindArray("ids", String.class, e.getValue())
                    .map((rs, ctx) -> map(rs))
                    .list());
          }
          out.sort(
              Comparator.comparing(Tombstone::deletedAt)
                  .thenComparing(t -> t.deletionId().value()));
          return out;
        });
  }

  @Override
  public void markDeleted(TenantId tenant, DeletionId deletion, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return;
    }
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "INSERT INTO deleted_traces (tenant_id, trace_id, deletion_id)"
                        + " SELECT :tenant, t, :deletion::uuid FROM unnest(:ids::uuid[]) t"
                        + " ON CONFLICT (tenant_id, trace_id) DO NOTHING")
                .bind("tenant", tenant.value())
                .bind("deletion", deletion.value())
                .bindArray("ids", String.class, Sql.texts(sorted(traceIds), TraceId::value))
                .execute());
  }

  @Override
  public Set<TraceId> deletedAmong(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return Set.of();
    }
    return db.inTenant(
        tenant,
        h ->
            new HashSet<>(
                h.createQuery(
                        "SELECT trace_id FROM deleted_traces"
                            + " WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
                    .bind("tenant", tenant.value())
                    .bindArray("ids", String.class, Sql.texts(traceIds, TraceId::value))
                    .map((rs, ctx) -> TraceId.of(rs.getString(1)))
                    .list()));
  }

  @Override
  public int purgeBefore(TenantId tenant, Instant cutoff) {
    return db.inTenant(
        tenant,
        h -> {
          String old =
              "SELECT deletion_id FROM tombstones WHERE tenant_id = :tenant"
                  + " AND state = 'COMPLETED' AND deleted_at < :cutoff::timestamptz";
          h.createUpdate(
                  "DELETE FROM deleted_traces WHERE tenant_id = :tenant"
                      + " AND deletion_id IN ("
                      + old
                      + ")")
              .bind("tenant", tenant.value())
              .bind("cutoff", Sql.ts(cutoff))
              .execute();
          return h.createUpdate("DELETE FROM tombstones WHERE deletion_id IN (" + old + ")")
              .bind("tenant", tenant.value())
              .bind("cutoff", Sql.ts(cutoff))
              .execute();
        });
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static List<TraceId> sorted(Collection<TraceId> ids) {
    return new ArrayList<>(new java.util.TreeSet<>(ids));
  }

  private static Tombstone map(ResultSet rs) throws SQLException {
    return new Tombstone(
        DeletionId.of(rs.getString("deletion_id")),
        TenantId.of(rs.getString("tenant_id")),
        Sql.instant(rs, "deleted_at"),
        rs.getString("deleted_by"),
        rs.getString("reason"),
        Sql.optString(rs, "user_id_hash"),
        rs.getInt("trace_count"),
        rs.getInt("held_count"),
        DeletionState.valueOf(rs.getString("state")));
  }
}
