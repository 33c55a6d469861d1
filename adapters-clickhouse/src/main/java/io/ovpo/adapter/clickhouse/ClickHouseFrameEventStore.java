package io.ovpo.adapter.clickhouse;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameEventStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@link FrameEventStore} on table {@code frame_events} (ReplacingMergeTree, see
 * V1__frame_events.sql). Appends go through {@link InsertBatcher} (group commit, check then
 * insert); per-trace reads go through {@link OneTrace} so a row not yet collapsed by a merge is
 * never seen twice; deletes are {@code ALTER TABLE ... DELETE} mutations that this store waits for.
 *
 * <p>First write wins per (tenant, event_id) among the events of the traces being appended; an
 * event_id reused under another trace is not looked for (that would scan the tenant), and two
 * processes appending the same new event at the same instant may both report it as new, while the
 * table still keeps it once (same sorting key).
 */
final class ClickHouseFrameEventStore implements FrameEventStore {
  private final ClickHouseHttp ch;
  private final InsertBatcher batcher;
  private final Mutations mutations;
  private final Clock clock;
  private final Supplier<HealthStatus> health;

  ClickHouseFrameEventStore(
      ClickHouseHttp ch,
      InsertBatcher batcher,
      Mutations mutations,
      Clock clock,
      Supplier<HealthStatus> health) {
    this.ch = ch;
    this.batcher = batcher;
    this.mutations = mutations;
    this.clock = clock;
    this.health = health;
  }

  @Override
  public Set<EventId> append(TenantId tenant, List<StoredFrameEvent> events) {
    if (events.isEmpty()) {
      return Set.of();
    }
    // Encoded here, in the callers' threads, so the single writer only concatenates.
    long version = Long.MAX_VALUE - ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    EventRows.Encoded encoded = EventRows.writeAll(tenant, events, version);
    Map<EventId, InsertBatcher.Pending> rows = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      FrameEvent e = events.get(i).event();
      int row = i;
      rows.computeIfAbsent(
          e.eventId(),
          id ->
              new InsertBatcher.Pending(
                  id, e.traceId(), encoded.bytes(), encoded.start(row), encoded.ends()[row]));
    }
    return batcher.append(tenant, new ArrayList<>(rows.values()));
  }

  @Override
  public List<StoredFrameEvent> byTrace(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit) {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("limit must be 1..100000 (was " + limit + ")");
    }
    String keyset = "";
    if (after.isPresent()) {
      EventPageKey k = after.get();
      long t = k.observedAt().toEpochMilli();
      String id = Sql.literal(k.eventId().value());
      keyset =
          " WHERE (frame_index > %d OR (frame_index = %d AND (observed_at_ms > %d"
                  .formatted(k.frameIndex(), k.frameIndex(), t)
              + " OR (observed_at_ms = %d AND event_id > %s))))".formatted(t, id);
    }
    List<Row> rows =
        ch.query(
            "SELECT "
                + EventRows.COLUMNS
                + " FROM "
                + OneTrace.rows(ch.db(), tenant, traceId, EventRows.VALUE_COLUMNS)
                + keyset
                + " ORDER BY frame_index, observed_at_ms, event_id LIMIT "
                + limit);
    List<StoredFrameEvent> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(EventRows.read(r)));
    return out;
  }

  @Override
  public FrameEventStats stats(TenantId tenant, TraceId traceId) {
    List<Row> byType =
        ch.query(
            "SELECT event_type, uniqExact(frame_index) AS frames, count() AS events,"
                + " max(gpu_vram_bits) AS peak_bits,"
                + " count(gpu_vram_used_mb) AS gpu_samples,"
                + " sum(gpu_utilization_pct) AS util_sum,"
                + " min(observed_at_ms) AS first_ms, max(observed_at_ms) AS last_ms,"
                + " min(media_time_ms) AS first_media, max(media_time_ms) AS last_media"
                + " FROM "
                + OneTrace.rows(
                    ch.db(),
                    tenant,
                    traceId,
                    List.of(
                        "gpu_vram_bits",
                        "gpu_vram_used_mb",
                        "gpu_utilization_pct",
                        "observed_at_ms",
                        "media_time_ms"))
                + " GROUP BY event_type");
    if (byType.isEmpty()) {
      return FrameEventStats.empty();
    }
    Map<EventType, Long> distinct = new EnumMap<>(EventType.class);
    Map<EventType, FrameEventStats.MediaTimeRange> mediaTime = new EnumMap<>(EventType.class);
    long events = 0;
    long gpuSamples = 0;
    long peakBits = 0;
    double utilSum = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Row r : byType) {
      EventType type = EventType.valueOf(r.string("event_type"));
      distinct.put(type, r.lng("frames"));
      mediaTime.put(
          type, new FrameEventStats.MediaTimeRange(r.lng("first_media"), r.lng("last_media")));
      events += r.lng("events");
      long samples = r.lng("gpu_samples");
      if (samples > 0) {
        gpuSamples += samples;
        peakBits = Math.max(peakBits, r.lng("peak_bits"));
        utilSum += r.dbl("util_sum");
      }
      first = Math.min(first, r.lng("first_ms"));
      last = Math.max(last, r.lng("last_ms"));
    }
    return new FrameEventStats(
        events,
        distinct,
        gpuSamples == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of(Double.longBitsToDouble(peakBits)),
        gpuSamples == 0 ? OptionalDouble.empty() : OptionalDouble.of(utilSum / gpuSamples),
        Optional.of(Instant.ofEpochMilli(first)),
        Optional.of(Instant.ofEpochMilli(last)),
        mediaTime);
  }

  @Override
  public long deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    Set<String> ids = new TreeSet<>();
    traceIds.forEach(t -> ids.add(t.value()));
    String where =
        " WHERE tenant_id = " + Sql.literal(tenant.value()) + " AND trace_id IN " + Sql.list(ids);
    long count =
        ch.query("SELECT count() AS n FROM " + ch.db() + ".frame_events FINAL" + where)
            .get(0)
            .lng("n");
    if (count == 0) {
      return 0;
    }
    mutations.delete("frame_activity_hourly", where);
    mutations.delete("frame_events", where);
    return count;
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static String traceFilter(TenantId tenant, TraceId traceId) {
    return " WHERE tenant_id = "
        + Sql.literal(tenant.value())
        + " AND trace_id = "
        + Sql.literal(traceId.value());
  }
}
