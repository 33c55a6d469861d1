package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Page;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.TraceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.Query;

/** {@link TraceStore} on table {@code traces}; every read is keyset-paginated. */
final class PostgresTraceStore implements TraceStore {
  private static final String SELECT = "SELECT " + TraceRows.COLUMNS + " FROM traces";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresTraceStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public Optional<TraceRecord> get(TenantId tenant, TraceId traceId) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(SELECT + " WHERE tenant_id = :tenant AND trace_id = :id::uuid")
                .bind("tenant", tenant.value())
                .bind("id", traceId.value())
                .map((rs, ctx) -> TraceRows.map(rs))
                .findOne());
  }

  @Override
  public boolean put(TraceRecord record, long expectedVersion) {
    if (record.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "record version " + record.version() + " must be expectedVersion + 1");
    }
    String sql =
        expectedVersion == 0
            ? "INSERT INTO traces ("
                + TraceRows.COLUMNS
                + ") VALUES ("
                + TraceRows.VALUES
                + ") ON CONFLICT (tenant_id, trace_id) DO NOTHING"
            : "UPDATE traces SET "
                + TraceRows.ASSIGNMENTS
                + " WHERE tenant_id = :tenant_id AND trace_id = :trace_id::uuid"
                + " AND version = :expected";
    return db.inTenant(
        record.tenantId(),
        h -> {
          boolean written =
              TraceRows.bind(h.createUpdate(sql), record)
                      .bind("expected", expectedVersion)
                      .execute()
                  == 1;
          if (written) {
            TraceTags.sync(h, record, expectedVersion == 0);
          }
          return written;
        });
  }

  @Override
  public Page<TraceRecord> list(TraceQuery q) {
    String sql = listSql(q);
    List<TraceRecord> rows =
        db.inTenantForPage(
            q.tenantId(),
            h -> {
              Query query =
                  h.createQuery(sql)
                      .bind("tenant", q.tenantId().value())
                      .bindArray(
                          "statuses", String.class, q.statuses().stream().map(Enum::name).toList())
                      .bind("limit", q.limit() + 1);
              Filters.bindRange(query, "t.created_at", q.createdAt());
              Filters.bindTags(query, q.tags());
              q.after()
                  .ifPresent(
                      k ->
                          query
                              .bind("after_ts", Sql.ts(k.lastTimestamp()))
                              .bind("after_id", k.lastId().value()));
              return query.map((rs, ctx) -> TraceRows.map(rs)).list();
            });
    boolean more = rows.size() > q.limit();
    return new Page<>(more ? rows.subList(0, q.limit()) : rows, more);
  }

  /**
   * Without tags, a keyset walk of {@code traces} along its list or status index. With tags, the
   * walk runs along {@code trace_tags} for the first tag (an ordered range, however common or rare
   * the tag), joins each trace and checks the other filters on it.
   */
  private static String listSql(TraceQuery q) {
    boolean tagged = !q.tags().isEmpty();
    // k: the columns the page is ordered and continued by.
    String k = tagged ? "g0" : "t";
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(TraceRows.COLUMNS.replaceAll("(\\w+)", "t.$1"))
            .append(
                tagged
                    ? " FROM trace_tags g0 JOIN traces t ON t.tenant_id = g0.tenant_id"
                        + " AND t.trace_id = g0.trace_id"
                        + " WHERE g0.tenant_id = :tenant AND g0.pair = :tag_0"
                    : " FROM traces t WHERE t.tenant_id = :tenant");
    if (!q.statuses().isEmpty()) {
      sql.append(" AND t.status = ANY(:statuses)");
    }
    Filters.range(sql, k + ".created_at", q.createdAt());
    Filters.tags(sql, "t.tenant_id", "t.trace_id", q.tags(), 1);
    if (q.after().isPresent()) {
      sql.append(" AND (" + k + ".created_at, " + k + ".trace_id)")
          .append(" < (:after_ts::timestamptz, :after_id::uuid)");
    }
    return sql.append(" ORDER BY " + k + ".created_at DESC, " + k + ".trace_id DESC LIMIT :limit")
        .toString();
  }

  @Override
  public List<TimeBucket> timeseries(
      TenantId tenant, TimeseriesMetric metric, BucketWidth bucket, TimeRange range, Tags tags) {
    return TraceTimeseries.query(db, tenant, metric, bucket, range, tags);
  }

  @Override
  public List<TraceId> findByUserIdHash(
      TenantId tenant, String userIdHash, Optional<TraceId> after, int limit) {
    String sql =
        "SELECT trace_id FROM traces WHERE tenant_id = :tenant AND user_id_hash = :user"
            + (after.isPresent() ? " AND trace_id > :after::uuid" : "")
            + " ORDER BY trace_id LIMIT :limit";
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.value())
                .bind("user", userIdHash)
                .bind("after", after.map(TraceId::value).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> TraceId.of(rs.getString(1)))
                .list());
  }

  @Override
  public List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    return receivedBefore(tenant, cutoff, after, limit, "");
  }

  @Override
  public List<TraceRecord> framesKeptReceivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit) {
    // Matches the partial index traces_frames_kept_idx.
    return receivedBefore(tenant, cutoff, after, limit, " AND retained_frame_stats IS NULL");
  }

  private List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit, String filter) {
    String sql =
        SELECT
            + " WHERE tenant_id = :tenant AND first_received_at < :cutoff::timestamptz"
            + filter
            + (after.isPresent()
                ? " AND (first_received_at, trace_id) > (:after_ts::timestamptz, :after_id::uuid)"
                : "")
            + " ORDER BY first_received_at, trace_id LIMIT :limit";
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.value())
                .bind("cutoff", Sql.ts(cutoff))
                .bind("after_ts", after.map(k -> Sql.ts(k.lastTimestamp())).orElse(null))
                .bind("after_id", after.map(k -> k.lastId().value()).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> TraceRows.map(rs))
                .list());
  }

  @Override
  public int delete(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    List<String> ids = new ArrayList<>(Sql.texts(traceIds, TraceId::value));
    return db.inTenant(
        tenant,
        h -> {
          TraceTags.delete(h, tenant, ids);
          return h.createUpdate(
                  "DELETE FROM traces WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
              .bind("tenant", tenant.value())
              .bindArray("ids", String.class, ids)
              .execute();
        });
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }
}
