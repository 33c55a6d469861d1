package io.ovpo.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RetentionRunLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link RetentionRunLog} on {@code retention_jobs}: the trace and frame-event counts in columns
 * (for ad-hoc SQL), the whole report in {@code detail}.
 */
final class PostgresRetentionRunLog implements RetentionRunLog {
  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresRetentionRunLog(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public void save(RetentionReport r) {
    db.inTenant(
        r.tenantId(),
        h ->
            h.createUpdate(
                    "INSERT INTO retention_jobs (tenant_id, job_id, started_at, finished_at, state,"
                        + " traces_purged, events_purged, detail) VALUES (:tenant, :id::uuid,"
                        + " :started::timestamptz, :finished::timestamptz, 'COMPLETED', :traces,"
                        + " :events, :detail::jsonb) ON CONFLICT (tenant_id, job_id) DO UPDATE SET"
                        + " started_at = excluded.started_at, finished_at = excluded.finished_at,"
                        + " state = excluded.state, traces_purged = excluded.traces_purged,"
                        + " events_purged = excluded.events_purged, detail = excluded.detail")
                .bind("tenant", r.tenantId().value())
                .bind("id", r.runId().value())
                .bind("started", Sql.ts(r.startedAt()))
                .bind("finished", Sql.ts(r.finishedAt()))
                .bind("traces", r.deleted().traces())
                .bind("events", r.deleted().frameEvents())
                .bind("detail", detail(r))
                .execute());
  }

  @Override
  public List<RetentionReport> recent(TenantId tenant, int limit) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT tenant_id, job_id, started_at, finished_at, detail FROM retention_jobs"
                        + " WHERE tenant_id = :tenant ORDER BY started_at DESC, job_id DESC"
                        + " LIMIT :limit")
                .bind("tenant", tenant.value())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static String detail(RetentionReport r) {
    ObjectNode o = Json.object();
    DeletedCounts d = r.deleted();
    o.putObject("deleted")
        .put("traces", d.traces())
        .put("spans", d.spans())
        .put("frame_events", d.frameEvents())
        .put("artifacts", d.artifacts())
        .put("orphans", d.orphans())
        .put("audit_records", d.auditRecords());
    o.put("held", r.held());
    o.put("failed", r.failed());
    Json.put(o, "deletion_id", r.deletionId().map(DeletionId::value));
    return Json.write(o);
  }

  private static RetentionReport map(ResultSet rs) throws SQLException {
    JsonNode o = Json.read(rs.getString("detail"));
    JsonNode d = o.get("deleted");
    return new RetentionReport(
        RetentionRunId.of(rs.getString("job_id")),
        TenantId.of(rs.getString("tenant_id")),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"),
        new DeletedCounts(
            d.get("traces").asLong(),
            d.get("spans").asLong(),
            d.get("frame_events").asLong(),
            d.get("artifacts").asLong(),
            d.get("orphans").asLong(),
            d.get("audit_records").asLong()),
        o.get("held").asLong(),
        o.get("failed").asLong(),
        Json.optText(o, "deletion_id").map(DeletionId::of));
  }
}
