package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ReconciliationStore} on {@code reconciliation_queue}, a cross-tenant work list outside
 * row-level security (it holds ids and times only; the worker reads the traces themselves under
 * their tenant). Orphan traces are in {@code orphan_traces}, under row-level security (each call is
 * for one tenant). Instants are kept as epoch nanoseconds so {@link #done} and {@link
 * #forgetOrphan(OrphanTrace)} compare them exactly.
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
  public void orphanSeen(TenantId tenant, TraceId traceId, Instant seenAt) {
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "INSERT INTO orphan_traces (tenant_id, trace_id, first_seen_nanos,"
                        + " last_seen_nanos) VALUES (:tenant, :trace::uuid, :seen, :seen)"
                        + " ON CONFLICT (tenant_id, trace_id) DO UPDATE SET"
                        + " first_seen_nanos = least(orphan_traces.first_seen_nanos,"
                        + " excluded.first_seen_nanos),"
                        + " last_seen_nanos = greatest(orphan_traces.last_seen_nanos,"
                        + " excluded.last_seen_nanos)")
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .bind("seen", nanos(seenAt))
                .execute());
  }

  @Override
  public List<OrphanTrace> orphansSeenBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    String sql =
        "SELECT trace_id, first_seen_nanos, last_seen_nanos FROM orphan_traces"
            + " WHERE tenant_id = :tenant AND first_seen_nanos < :cutoff"
            + (after.isPresent()
                ? " AND (first_seen_nanos, trace_id) > (:after_nanos, :after_id::uuid)"
                : "")
            + " ORDER BY first_seen_nanos, trace_id LIMIT :limit";
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.value())
                .bind("cutoff", nanos(cutoff))
                .bind("after_nanos", after.map(k -> nanos(k.lastTimestamp())).orElse(null))
                .bind("after_id", after.map(k -> k.lastId().value()).orElse(null))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new OrphanTrace(
                            tenant,
                            TraceId.of(rs.getString("trace_id")),
                            instant(rs.getLong("first_seen_nanos")),
                            instant(rs.getLong("last_seen_nanos"))))
                .list());
  }

  @Override
  public void forgetOrphan(TenantId tenant, TraceId traceId) {
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "DELETE FROM orphan_traces WHERE tenant_id = :tenant"
                        + " AND trace_id = :trace::uuid")
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .execute());
  }

  @Override
  public void forgetOrphan(OrphanTrace orphan) {
    db.inTenant(
        orphan.tenantId(),
        h ->
            h.createUpdate(
                    "DELETE FROM orphan_traces WHERE tenant_id = :tenant"
                        + " AND trace_id = :trace::uuid AND last_seen_nanos = :last")
                .bind("tenant", orphan.tenantId().value())
                .bind("trace", orphan.traceId().value())
                .bind("last", nanos(orphan.lastSeenAt()))
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
