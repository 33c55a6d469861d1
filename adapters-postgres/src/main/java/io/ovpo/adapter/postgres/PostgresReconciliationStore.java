package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link ReconciliationStore} on {@code reconciliation_queue}, a cross-tenant work list outside
 * row-level security (it holds ids and times only; the worker reads the traces themselves under
 * their tenant). Instants are kept as epoch nanoseconds so {@link #done} compares them exactly.
 */
final class PostgresReconciliationStore implements ReconciliationStore {
  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresReconciliationStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public void mark(DirtyTrace dirty) {
    db.withoutTenant(
        h ->
            h.createUpdate(
                    "INSERT INTO reconciliation_queue (tenant_id, trace_id, marked_at_nanos,"
                        + " due_at_nanos) VALUES (:tenant, :trace::uuid, :marked, :due)"
                        + " ON CONFLICT (tenant_id, trace_id) DO UPDATE SET"
                        + " marked_at_nanos = excluded.marked_at_nanos,"
                        + " due_at_nanos = excluded.due_at_nanos")
                .bind("tenant", dirty.tenantId().value())
                .bind("trace", dirty.traceId().value())
                .bind("marked", nanos(dirty.markedAt()))
                .bind("due", nanos(dirty.dueAt()))
                .execute());
  }

  @Override
  public List<DirtyTrace> due(Instant now, int limit) {
    return db.withoutTenant(
        h ->
            h.createQuery(
                    "SELECT tenant_id, trace_id, marked_at_nanos, due_at_nanos"
                        + " FROM reconciliation_queue WHERE due_at_nanos <= :now"
                        + " ORDER BY due_at_nanos, tenant_id, trace_id LIMIT :limit")
                .bind("now", nanos(now))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DirtyTrace(
                            TenantId.of(rs.getString("tenant_id")),
                            TraceId.of(rs.getString("trace_id")),
                            instant(rs.getLong("marked_at_nanos")),
                            instant(rs.getLong("due_at_nanos"))))
                .list());
  }

  @Override
  public void done(DirtyTrace dirty) {
    db.withoutTenant(
        h ->
            h.createUpdate(
                    "DELETE FROM reconciliation_queue WHERE tenant_id = :tenant"
                        + " AND trace_id = :trace::uuid AND marked_at_nanos = :marked")
                .bind("tenant", dirty.tenantId().value())
                .bind("trace", dirty.traceId().value())
                .bind("marked", nanos(dirty.markedAt()))
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
