package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.SpanStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.Query;

/** {@link SpanStore} on table {@code spans}; upserts are one multi-row statement per call. */
final class PostgresSpanStore implements SpanStore {
  private static final String COLUMNS =
      "span_id, trace_id, parent_span_id, span_kind, name, start_time, end_time, status,"
          + " attributes";

  // One statement for the whole list: arrays in, unnest, upsert.
  private static final String UPSERT =
      "INSERT INTO spans (tenant_id, "
          + COLUMNS
          + ") SELECT :tenant, u.* FROM unnest(:span_ids::uuid[], :trace_ids::uuid[],"
          + " :parents::uuid[], :kinds::text[], :names::text[], :starts::timestamptz[],"
          + " :ends::timestamptz[], :statuses::text[], :attributes::jsonb[]) AS u"
          + " ON CONFLICT (tenant_id, span_id) DO UPDATE SET trace_id = excluded.trace_id,"
          + " parent_span_id = excluded.parent_span_id, span_kind = excluded.span_kind,"
          + " name = excluded.name, start_time = excluded.start_time,"
          + " end_time = excluded.end_time, status = excluded.status,"
          + " attributes = excluded.attributes";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresSpanStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public void upsert(TenantId tenant, List<Span> spans) {
    if (spans.isEmpty()) {
      return;
    }
    // The last write of an id wins; rows go in id order so concurrent upserts lock alike.
    Map<String, Span> byId = new TreeMap<>();
    spans.forEach(s -> byId.put(s.spanId().value(), s));
    Collection<Span> rows = byId.values();
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(UPSERT)
                .bind("tenant", tenant.value())
                .bindArray("span_ids", String.class, Sql.texts(rows, s -> s.spanId().value()))
                .bindArray("trace_ids", String.class, Sql.texts(rows, s -> s.traceId().value()))
                .bindArray(
                    "parents",
                    String.class,
                    Sql.texts(rows, s -> s.parentSpanId().map(SpanId::value).orElse(null)))
                .bindArray("kinds", String.class, Sql.texts(rows, s -> s.spanKind().name()))
                .bindArray("names", String.class, Sql.texts(rows, Span::name))
                .bindArray("starts", String.class, Sql.texts(rows, s -> Sql.ts(s.startTime())))
                .bindArray("ends", String.class, Sql.texts(rows, s -> Sql.ts(s.endTime())))
                .bindArray("statuses", String.class, Sql.texts(rows, s -> s.status().name()))
                .bindArray(
                    "attributes",
                    String.class,
                    Sql.texts(rows, s -> ValueJson.attributes(s.attributes())))
                .execute());
  }

  @Override
  public Map<SpanId, Span> getAll(TenantId tenant, Collection<SpanId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return db.inTenant(
        tenant,
        h ->
            h
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM spans WHERE tenant_id = :tenant AND span_id = ANY(:ids::uuid[])")
                .bind("tenant", tenant.value())
                .bindArray("ids", String.class, Sql.texts(ids, SpanId::value))
                .map((rs, ctx) -> map(rs))
                .stream()
                .collect(Collectors.toMap(Span::spanId, s -> s, (a, b) -> a, LinkedHashMap::new)));
  }

  @Override
  public List<Span> byTrace(TenantId tenant, TraceId traceId) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM spans WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
                        + " ORDER BY start_time, span_id")
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public List<SpanDurationStats> durationStats(TenantId tenant, TimeRange range, Tags tags) {
    StringBuilder inner =
        new StringBuilder(
            "SELECT s.span_kind,"
                + " round(extract(epoch FROM s.end_time - s.start_time) * 1000)::bigint AS ms"
                + " FROM spans s");
    inner.append(" WHERE s.tenant_id = :tenant AND s.end_time IS NOT NULL");
    Filters.range(inner, "s.start_time", range);
    // Only stored traces have tag rows, so with tags a span of an unknown trace never matches.
    Filters.tags(inner, "s.tenant_id", "s.trace_id", tags, 0);
    String sql =
        "SELECT span_kind, count(*) AS n, avg(ms)::float8 AS avg_ms,"
            + " percentile_disc(0.95) WITHIN GROUP (ORDER BY ms) AS p95,"
            + " percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99"
            + " FROM ("
            + inner
            + ") d GROUP BY span_kind";
    List<SpanDurationStats> stats =
        db.inTenantForAnalytics(
            tenant,
            h -> {
              Query q = h.createQuery(sql).bind("tenant", tenant.value());
              Filters.bindRange(q, "s.start_time", range);
              Filters.bindTags(q, tags);
              return q.map(
                      (rs, ctx) ->
                          new SpanDurationStats(
                              SpanKind.valueOf(rs.getString("span_kind")),
                              rs.getLong("n"),
                              rs.getDouble("avg_ms"),
                              rs.getLong("p95"),
                              rs.getLong("p99")))
                  .list();
            });
    List<SpanDurationStats> ordered = new ArrayList<>(stats);
    ordered.sort(Comparator.comparing(SpanDurationStats::spanKind));
    return ordered;
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    return db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "DELETE FROM spans WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
                .bind("tenant", tenant.value())
                .bindArray("ids", String.class, Sql.texts(traceIds, TraceId::value))
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static Span map(ResultSet rs) throws SQLException {
    return new Span(
        SpanId.of(rs.getString("span_id")),
        TraceId.of(rs.getString("trace_id")),
        Sql.optString(rs, "parent_span_id").map(SpanId::of),
        SpanKind.valueOf(rs.getString("span_kind")),
        rs.getString("name"),
        Sql.instant(rs, "start_time"),
        Sql.optInstant(rs, "end_time"),
        SpanStatus.valueOf(rs.getString("status")),
        ValueJson.attributes(rs.getString("attributes")));
  }
}
