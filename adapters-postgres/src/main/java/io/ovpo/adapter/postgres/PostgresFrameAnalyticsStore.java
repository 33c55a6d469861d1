package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameAnalyticsStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link FrameAnalyticsStore} on the {@code frame_events} table of {@link PostgresFrameEventStore},
 * aggregated in the database. Every event is one row (the primary key dedupes redeliveries), so
 * plain aggregates count each event once. A timeline reads one trace through {@code
 * frame_events_trace_idx}; activity and metric series read a tenant's time range through {@code
 * frame_events_observed_idx} (migration V6). Percentiles are {@code percentile_disc}, which is
 * exact nearest-rank (spec 05 §5).
 */
final class PostgresFrameAnalyticsStore implements FrameAnalyticsStore {
  private static final String TIMELINE = timelineSql();

  private static final String ACTIVITY =
      "SELECT date_trunc(:unit, observed_at, 'UTC') AS bucket,"
          + " count(DISTINCT trace_id) AS traces,"
          + " count(*) FILTER (WHERE event_type = 'FRAME_GENERATED') AS generated,"
          + " count(*) FILTER (WHERE event_type = 'FRAME_DECODED') AS decoded,"
          + " count(*) FILTER (WHERE event_type = 'FRAME_ERROR') AS errors,"
          + " count(*) FILTER (WHERE event_type = 'GPU_SAMPLE') AS gpu"
          + " FROM frame_events WHERE tenant_id = :tenant";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresFrameAnalyticsStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public List<FrameTimelinePoint> timeline(TenantId tenant, TraceId traceId, int window) {
    if (window < 1 || window > 100_000) {
      throw new IllegalArgumentException("window must be 1..100000 (was " + window + ")");
    }
    return db.inTenantForAnalytics(
        tenant,
        h ->
            h.createQuery(TIMELINE)
                .bind("window", window)
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .map(
                    (rs, ctx) -> {
                      Map<EventType, Long> types = new EnumMap<>(EventType.class);
                      for (EventType t : EventType.values()) {
                        long n = rs.getLong("n_" + alias(t));
                        if (n > 0) {
                          types.put(t, n);
                        }
                      }
                      // avg() is NULL over a window where no event carries the metric.
                      Map<FrameMetric, Double> averages = new EnumMap<>(FrameMetric.class);
                      for (FrameMetric m : FrameMetric.values()) {
                        Sql.optDouble(rs, "avg_" + alias(m)).ifPresent(v -> averages.put(m, v));
                      }
                      return new FrameTimelinePoint(
                          rs.getLong("first_frame"),
                          types,
                          averages,
                          Sql.optDouble(rs, "peak_vram"),
                          Sql.instant(rs, "first_at"),
                          Sql.instant(rs, "last_at"));
                    })
                .list());
  }

  @Override
  public List<FrameActivityBucket> activity(TenantId tenant, BucketWidth bucket, TimeRange range) {
    return buckets(
        new StringBuilder(ACTIVITY),
        " GROUP BY 1 ORDER BY 1",
        tenant,
        bucket,
        range,
        (rs, ctx) ->
            new FrameActivityBucket(
                Sql.instant(rs, "bucket"),
                rs.getLong("traces"),
                rs.getLong("generated"),
                rs.getLong("decoded"),
                rs.getLong("errors"),
                rs.getLong("gpu")));
  }

  @Override
  public List<FrameMetricBucket> metricSeries(
      TenantId tenant, FrameMetric metric, BucketWidth bucket, TimeRange range) {
    // Filtering on the value drops the events without the metric, and so the buckets without any.
    StringBuilder sql =
        new StringBuilder("SELECT bucket, count(*) AS n, avg(v) AS mean,")
            .append(" percentile_disc(0.95) WITHIN GROUP (ORDER BY v) AS p95,")
            .append(" percentile_disc(0.99) WITHIN GROUP (ORDER BY v) AS p99")
            .append(" FROM (SELECT date_trunc(:unit, observed_at, 'UTC') AS bucket, ")
            .append(value(metric))
            .append(" AS v FROM frame_events WHERE tenant_id = :tenant");
    return buckets(
        sql,
        ") e WHERE v IS NOT NULL GROUP BY bucket ORDER BY bucket",
        tenant,
        bucket,
        range,
        (rs, ctx) ->
            new FrameMetricBucket(
                Sql.instant(rs, "bucket"),
                rs.getLong("n"),
                rs.getDouble("mean"),
                rs.getDouble("p95"),
                rs.getDouble("p99")));
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  /**
   * Runs a per-bucket query: {@code select} ends in the tenant's WHERE clause, the range's bounds
   * on {@code observed_at} follow, then {@code tail} (grouping and order).
   */
  private <T> List<T> buckets(
      StringBuilder select,
      String tail,
      TenantId tenant,
      BucketWidth bucket,
      TimeRange range,
      RowMapper<T> row) {
    Filters.range(select, "observed_at", range);
    String sql = select.append(tail).toString();
    return db.inTenantForAnalytics(
        tenant,
        h -> {
          Query q =
              h.createQuery(sql)
                  .bind("unit", bucket == BucketWidth.HOUR ? "hour" : "day")
                  .bind("tenant", tenant.value());
          Filters.bindRange(q, "observed_at", range);
          return q.map(row).list();
        });
  }

  private static String timelineSql() {
    StringBuilder sql = new StringBuilder("SELECT frame_index / :window * :window AS first_frame");
    for (EventType t : EventType.values()) {
      sql.append(", count(*) FILTER (WHERE event_type = '")
          .append(t.name())
          .append("') AS n_")
          .append(alias(t));
    }
    for (FrameMetric m : FrameMetric.values()) {
      sql.append(", avg(").append(value(m)).append(") AS avg_").append(alias(m));
    }
    return sql.append(", max(gpu_vram_used_mb) AS peak_vram,")
        .append(" min(observed_at) AS first_at, max(observed_at) AS last_at")
        .append(" FROM frame_events WHERE tenant_id = :tenant AND trace_id = :trace::uuid")
        .append(" GROUP BY 1 ORDER BY 1")
        .toString();
  }

  /**
   * The metric of a row, NULL when the event does not carry it. Quality metrics are jsonb numbers
   * written from the double's shortest decimal form, which float8 parses back to the same double.
   */
  private static String value(FrameMetric m) {
    return switch (m) {
      case CLIP_SIMILARITY -> quality(QualityMetrics.CLIP_SIMILARITY);
      case AESTHETIC_SCORE -> quality(QualityMetrics.AESTHETIC_SCORE);
      case TEMPORAL_CONSISTENCY -> quality(QualityMetrics.TEMPORAL_CONSISTENCY);
      case GPU_UTILIZATION_PCT -> "gpu_utilization_pct";
      case VRAM_USED_MB -> "gpu_vram_used_mb";
      case GPU_TEMPERATURE_C -> "gpu_temperature_c";
    };
  }

  private static String quality(String key) {
    return "(quality_metrics ->> '" + key + "')::float8";
  }

  private static String alias(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
