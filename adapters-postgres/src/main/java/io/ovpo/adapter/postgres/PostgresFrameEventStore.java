package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameEventStats.MediaTimeRange;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameEventStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link FrameEventStore} on table {@code frame_events}, for deployments without ClickHouse.
 * Appends are one multi-row {@code INSERT ... ON CONFLICT DO NOTHING} per call.
 */
final class PostgresFrameEventStore implements FrameEventStore {
  private static final String COLUMNS =
      "event_id, trace_id, span_id, event_type, frame_index, media_time_ms, observed_at,"
          + " received_at, quality_metrics, gpu_vram_used_mb, gpu_utilization_pct,"
          + " gpu_temperature_c, thumbnail, attributes";

  private static final String APPEND =
      "INSERT INTO frame_events (tenant_id, "
          + COLUMNS
          + ") SELECT :tenant, u.* FROM unnest(:event_ids::uuid[], :trace_ids::uuid[],"
          + " :span_ids::uuid[], :types::text[], :frames::bigint[], :media::bigint[],"
          + " :observed::timestamptz[], :received::timestamptz[], :quality::jsonb[],"
          + " :vram::float8[], :util::float8[], :temp::float8[], :thumbnails::jsonb[],"
          + " :attributes::jsonb[]) AS u"
          + " ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id";

  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresFrameEventStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public Set<EventId> append(TenantId tenant, List<StoredFrameEvent> events) {
    if (events.isEmpty()) {
      return Set.of();
    }
    // The first write of an id wins, also within the list; id order keeps concurrent appends of
    // overlapping lists from deadlocking on each other's rows.
    Map<String, StoredFrameEvent> byId = new TreeMap<>();
    events.forEach(e -> byId.putIfAbsent(e.event().eventId().value(), e));
    List<FrameEvent> rows = byId.values().stream().map(StoredFrameEvent::event).toList();
    List<StoredFrameEvent> stored = List.copyOf(byId.values());
    return db.inTenant(
        tenant,
        h ->
            new HashSet<>(
                h.createQuery(APPEND)
                    .bind("tenant", tenant.value())
                    .bindArray("event_ids", String.class, Sql.texts(rows, e -> e.eventId().value()))
                    .bindArray("trace_ids", String.class, Sql.texts(rows, e -> e.traceId().value()))
                    .bindArray(
                        "span_ids",
                        String.class,
                        Sql.texts(rows, e -> e.spanId().map(SpanId::value).orElse(null)))
                    .bindArray("types", String.class, Sql.texts(rows, e -> e.eventType().name()))
                    .bindArray("frames", String.class, Sql.texts(rows, FrameEvent::frameIndex))
                    .bindArray("media", String.class, Sql.texts(rows, FrameEvent::mediaTimeMs))
                    .bindArray(
                        "observed", String.class, Sql.texts(rows, e -> Sql.ts(e.observedAt())))
                    .bindArray(
                        "received", String.class, Sql.texts(stored, e -> Sql.ts(e.receivedAt())))
                    .bindArray(
                        "quality",
                        String.class,
                        Sql.texts(rows, e -> ValueJson.quality(e.qualityMetrics())))
                    .bindArray(
                        "vram",
                        String.class,
                        Sql.texts(rows, e -> e.gpu().map(GpuSample::vramUsedMb).orElse(null)))
                    .bindArray(
                        "util",
                        String.class,
                        Sql.texts(
                            rows, e -> e.gpu().map(GpuSample::gpuUtilizationPct).orElse(null)))
                    .bindArray(
                        "temp", String.class, Sql.texts(rows, PostgresFrameEventStore::temperature))
                    .bindArray(
                        "thumbnails",
                        String.class,
                        Sql.texts(rows, PostgresFrameEventStore::thumbnail))
                    .bindArray(
                        "attributes",
                        String.class,
                        Sql.texts(rows, e -> ValueJson.attributes(e.attributes())))
                    .map((rs, ctx) -> EventId.of(rs.getString(1)))
                    .list()));
  }

  @Override
  public List<StoredFrameEvent> byTrace(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit) {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("limit must be 1..100000 (was " + limit + ")");
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM frame_events WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
            + (after.isPresent()
                ? " AND (frame_index, observed_at, event_id)"
                    + " > (:after_frame, :after_observed::timestamptz, :after_id::uuid)"
                : "")
            + " ORDER BY frame_index, observed_at, event_id LIMIT :limit";
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .bind("after_frame", after.map(EventPageKey::frameIndex).orElse(null))
                .bind("after_observed", after.map(k -> Sql.ts(k.observedAt())).orElse(null))
                .bind("after_id", after.map(k -> k.eventId().value()).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public FrameEventStats stats(TenantId tenant, TraceId traceId) {
    record TypeRow(EventType type, long frames, MediaTimeRange mediaTime) {}
    return db.inTenant(
        tenant,
        h -> {
          Map<EventType, Long> distinct = new EnumMap<>(EventType.class);
          Map<EventType, MediaTimeRange> mediaTime = new EnumMap<>(EventType.class);
          h.createQuery(
                  "SELECT event_type, count(DISTINCT frame_index) AS frames,"
                      + " min(media_time_ms) AS first_media, max(media_time_ms) AS last_media"
                      + " FROM frame_events WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
                      + " GROUP BY event_type")
              .bind("tenant", tenant.value())
              .bind("trace", traceId.value())
              .map(
                  (rs, ctx) ->
                      new TypeRow(
                          EventType.valueOf(rs.getString("event_type")),
                          rs.getLong("frames"),
                          new MediaTimeRange(rs.getLong("first_media"), rs.getLong("last_media"))))
              .forEach(
                  r -> {
                    distinct.put(r.type(), r.frames());
                    mediaTime.put(r.type(), r.mediaTime());
                  });
          if (distinct.isEmpty()) {
            return FrameEventStats.empty();
          }
          return h.createQuery(
                  "SELECT count(*) AS n, max(gpu_vram_used_mb) AS peak,"
                      + " avg(gpu_utilization_pct) AS util, min(observed_at) AS first_at,"
                      + " max(observed_at) AS last_at FROM frame_events"
                      + " WHERE tenant_id = :tenant AND trace_id = :trace::uuid")
              .bind("tenant", tenant.value())
              .bind("trace", traceId.value())
              .map(
                  (rs, ctx) ->
                      new FrameEventStats(
                          rs.getLong("n"),
                          distinct,
                          Sql.optDouble(rs, "peak"),
                          Sql.optDouble(rs, "util"),
                          Sql.optInstant(rs, "first_at"),
                          Sql.optInstant(rs, "last_at"),
                          mediaTime))
              .one();
        });
  }

  @Override
  public long deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    return db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "DELETE FROM frame_events"
                        + " WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
                .bind("tenant", tenant.value())
                .bindArray("ids", String.class, Sql.texts(traceIds, TraceId::value))
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static Double temperature(FrameEvent e) {
    return e.gpu()
        .filter(g -> g.temperatureC().isPresent())
        .map(g -> g.temperatureC().getAsDouble())
        .orElse(null);
  }

  private static String thumbnail(FrameEvent e) {
    return e.thumbnail().map(t -> Json.write(ValueJson.artifact(t))).orElse(null);
  }

  private static StoredFrameEvent map(ResultSet rs) throws SQLException {
    Optional<GpuSample> gpu =
        Sql.optDouble(rs, "gpu_vram_used_mb").isPresent()
            ? Optional.of(
                new GpuSample(
                    rs.getDouble("gpu_vram_used_mb"),
                    rs.getDouble("gpu_utilization_pct"),
                    Sql.optDouble(rs, "gpu_temperature_c")))
            : Optional.empty();
    FrameEvent e =
        new FrameEvent(
            EventId.of(rs.getString("event_id")),
            TraceId.of(rs.getString("trace_id")),
            Sql.optString(rs, "span_id").map(SpanId::of),
            EventType.valueOf(rs.getString("event_type")),
            rs.getLong("frame_index"),
            rs.getLong("media_time_ms"),
            Sql.instant(rs, "observed_at"),
            ValueJson.quality(rs.getString("quality_metrics")),
            gpu,
            Sql.optString(rs, "thumbnail").map(t -> ValueJson.artifact(Json.read(t))),
            ValueJson.attributes(rs.getString("attributes")));
    return new StoredFrameEvent(e, Sql.instant(rs, "received_at"));
  }
}
