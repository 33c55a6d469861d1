package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceStatus;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.Query;

/**
 * Dashboard series over {@code traces}, aggregated in the database: one row per UTC hour or day
 * that has matching traces; {@code count} is always the number of those traces.
 */
final class TraceTimeseries {
  private static final String TERMINAL =
      Arrays.stream(TraceStatus.values())
          .filter(TraceStatus::isTerminal)
          .map(s -> "'" + s.name() + "'")
          .collect(Collectors.joining(", "));

  private TraceTimeseries() {}

  static List<TimeBucket> query(
      Db db,
      TenantId tenant,
      TimeseriesMetric metric,
      BucketWidth width,
      TimeRange range,
      Tags tags) {
    StringBuilder sql =
        new StringBuilder("SELECT date_trunc(:unit, created_at, 'UTC') AS bucket, count(*) AS n, ")
            .append(value(metric))
            .append(" AS value FROM traces t WHERE tenant_id = :tenant");
    Filters.range(sql, "created_at", range);
    Filters.tags(sql, "t.tenant_id", "t.trace_id", tags, 0);
    sql.append(" GROUP BY 1 ORDER BY 1");
    return db.inTenantForAnalytics(
        tenant,
        h -> {
          Query q =
              h.createQuery(sql.toString())
                  .bind("unit", width == BucketWidth.HOUR ? "hour" : "day")
                  .bind("tenant", tenant.value());
          Filters.bindRange(q, "created_at", range);
          Filters.bindTags(q, tags);
          return q.map(
                  (rs, ctx) ->
                      new TimeBucket(
                          Sql.instant(rs, "bucket"), rs.getDouble("value"), rs.getLong("n")))
              .list();
        });
  }

  private static String value(TimeseriesMetric metric) {
    return switch (metric) {
      case THROUGHPUT -> "count(*)::float8";
      case FAILURE_RATE ->
          "coalesce(count(*) FILTER (WHERE status = 'FAILED')::float8"
              + " / nullif(count(*) FILTER (WHERE status IN ("
              + TERMINAL
              + ")), 0), 0)";
      // Nearest-rank p95; ordered-set aggregates skip the NULLs of traces lacking either end.
      case P95_LATENCY ->
          "coalesce(percentile_disc(0.95) WITHIN GROUP"
              + " (ORDER BY round(extract(epoch FROM ended_at - started_at) * 1000)), 0)::float8";
      case COMPUTE_UNITS -> "coalesce(sum(compute_units), 0)::float8";
    };
  }
}
