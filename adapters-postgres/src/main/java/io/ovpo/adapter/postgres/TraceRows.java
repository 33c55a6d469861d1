package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** The mapping between {@link TraceRecord} and a row of {@code traces}. */
final class TraceRows {
  /** Every column of a record. */
  static final String COLUMNS =
      "tenant_id, trace_id, status, reported_status, created_at, started_at, ended_at,"
          + " pipeline_config, pipeline_config_ref, prompt_hash, user_id_hash, tags, attributes,"
          + " failure, expected_frames, legal_hold, completeness, cost, compute_units,"
          + " first_received_at, updated_at, version, retained_frame_stats";

  /** Values of {@link #COLUMNS}, for an insert. */
  static final String VALUES =
      ":tenant_id, :trace_id::uuid, :status, :reported_status, :created_at::timestamptz,"
          + " :started_at::timestamptz, :ended_at::timestamptz, :pipeline_config::jsonb,"
          + " :pipeline_config_ref, :prompt_hash, :user_id_hash, :tags::jsonb, :attributes::jsonb,"
          + " :failure::jsonb, :expected_frames, :legal_hold, :completeness::jsonb, :cost::jsonb,"
          + " :compute_units, :first_received_at::timestamptz, :updated_at::timestamptz, :version,"
          + " :retained_frame_stats::jsonb";

  /** SET list of an update replacing every column but the key. */
  static final String ASSIGNMENTS =
      "status = :status, reported_status = :reported_status,"
          + " created_at = :created_at::timestamptz, started_at = :started_at::timestamptz,"
          + " ended_at = :ended_at::timestamptz, pipeline_config = :pipeline_config::jsonb,"
          + " pipeline_config_ref = :pipeline_config_ref, prompt_hash = :prompt_hash,"
          + " user_id_hash = :user_id_hash, tags = :tags::jsonb, attributes = :attributes::jsonb,"
          + " failure = :failure::jsonb, expected_frames = :expected_frames,"
          + " legal_hold = :legal_hold, completeness = :completeness::jsonb, cost = :cost::jsonb,"
          + " compute_units = :compute_units, first_received_at = :first_received_at::timestamptz,"
          + " updated_at = :updated_at::timestamptz, version = :version,"
          + " retained_frame_stats = :retained_frame_stats::jsonb";

  private TraceRows() {}

  static <S extends SqlStatement<S>> S bind(S s, TraceRecord r) {
    Trace t = r.trace();
    return s.bind("tenant_id", r.tenantId().value())
        .bind("trace_id", t.traceId().value())
        .bind("status", r.status().name())
        .bind("reported_status", t.status().name())
        .bind("created_at", Sql.ts(t.createdAt()))
        .bind("started_at", Sql.ts(t.startedAt()))
        .bind("ended_at", Sql.ts(t.endedAt()))
        .bind("pipeline_config", t.pipelineConfig().map(TraceJson::pipelineConfig).orElse(null))
        .bind("pipeline_config_ref", t.pipelineConfigRef().orElse(null))
        .bind("prompt_hash", t.promptHash().orElse(null))
        .bind("user_id_hash", t.userIdHash().orElse(null))
        .bind("tags", ValueJson.tags(t.tags()))
        .bind("attributes", ValueJson.attributes(t.attributes()))
        .bind("failure", t.failure().map(TraceJson::failure).orElse(null))
        .bind(
            "expected_frames",
            t.expectedFrames().isPresent() ? (Integer) t.expectedFrames().getAsInt() : null)
        .bind("legal_hold", t.legalHold())
        .bind("completeness", TraceJson.completeness(r.completeness()))
        .bind("cost", r.cost().map(TraceJson::cost).orElse(null))
        .bind("compute_units", r.cost().map(ComputeCost::computeUnits).orElse(null))
        .bind("first_received_at", Sql.ts(r.firstReceivedAt()))
        .bind("updated_at", Sql.ts(r.updatedAt()))
        .bind("version", r.version())
        .bind(
            "retained_frame_stats", r.retainedFrameStats().map(TraceJson::frameStats).orElse(null));
  }

  static TraceRecord map(ResultSet rs) throws SQLException {
    Optional<PipelineConfig> config =
        Sql.optString(rs, "pipeline_config").map(TraceJson::pipelineConfig);
    Optional<Failure> failure = Sql.optString(rs, "failure").map(TraceJson::failure);
    Trace trace =
        new Trace(
            TraceId.of(rs.getString("trace_id")),
            TraceStatus.valueOf(rs.getString("reported_status")),
            Sql.instant(rs, "created_at"),
            Sql.optInstant(rs, "started_at"),
            Sql.optInstant(rs, "ended_at"),
            config,
            Sql.optString(rs, "pipeline_config_ref"),
            Sql.optString(rs, "prompt_hash"),
            Sql.optString(rs, "user_id_hash"),
            ValueJson.tags(rs.getString("tags")),
            ValueJson.attributes(rs.getString("attributes")),
            failure,
            Sql.optInt(rs, "expected_frames"),
            rs.getBoolean("legal_hold"));
    return new TraceRecord(
        TenantId.of(rs.getString("tenant_id")),
        trace,
        TraceStatus.valueOf(rs.getString("status")),
        TraceJson.completeness(rs.getString("completeness")),
        Sql.optString(rs, "cost").map(TraceJson::cost),
        Sql.instant(rs, "first_received_at"),
        Sql.instant(rs, "updated_at"),
        rs.getLong("version"),
        Sql.optString(rs, "retained_frame_stats").map(TraceJson::frameStats));
  }
}
