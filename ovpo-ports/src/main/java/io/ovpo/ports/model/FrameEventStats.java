package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Aggregates over one trace's frame events, computed by the store.
 *
 * @param eventCount stored events (each event_id once)
 * @param distinctFramesByType distinct frame_index values per event type; types without events are
 *     absent
 * @param peakVramMb max gpu.vram_used_mb over events that carry a GPU sample
 * @param avgGpuUtilizationPct mean gpu.gpu_utilization_pct over events that carry a GPU sample
 * @param firstObservedAt smallest observed_at over all events
 * @param lastObservedAt largest observed_at over all events
 * @param mediaTimeByType smallest and largest media_time_ms per event type, over the same events as
 *     {@code distinctFramesByType} (the summary's observed_fps comes from the counted type's range,
 *     spec 05 §4.2); empty for aggregates kept without it
 */
public record FrameEventStats(
    long eventCount,
    Map<EventType, Long> distinctFramesByType,
    OptionalDouble peakVramMb,
    OptionalDouble avgGpuUtilizationPct,
    Optional<Instant> firstObservedAt,
    Optional<Instant> lastObservedAt,
    Map<EventType, MediaTimeRange> mediaTimeByType) {
  public FrameEventStats {
    Checks.range("event_count", eventCount, 0, Long.MAX_VALUE);
    EnumMap<EventType, Long> copy = new EnumMap<>(EventType.class);
    copy.putAll(Checks.notNull("distinct_frames_by_type", distinctFramesByType));
    distinctFramesByType = Collections.unmodifiableMap(copy);
    Checks.notNull("peak_vram_mb", peakVramMb);
    Checks.notNull("avg_gpu_utilization_pct", avgGpuUtilizationPct);
    Checks.notNull("first_observed_at", firstObservedAt);
    Checks.notNull("last_observed_at", lastObservedAt);
    EnumMap<EventType, MediaTimeRange> ranges = new EnumMap<>(EventType.class);
    ranges.putAll(Checks.notNull("media_time_by_type", mediaTimeByType));
    for (EventType type : ranges.keySet()) {
      Checks.check(
          copy.containsKey(type), "media_time_by_type", "has " + type + " but no frames of it");
    }
    mediaTimeByType = Collections.unmodifiableMap(ranges);
  }

  /** Aggregates without media-time ranges (as kept before they existed). */
  public FrameEventStats(
      long eventCount,
      Map<EventType, Long> distinctFramesByType,
      OptionalDouble peakVramMb,
      OptionalDouble avgGpuUtilizationPct,
      Optional<Instant> firstObservedAt,
      Optional<Instant> lastObservedAt) {
    this(
        eventCount,
        distinctFramesByType,
        peakVramMb,
        avgGpuUtilizationPct,
        firstObservedAt,
        lastObservedAt,
        Map.of());
  }

  public static FrameEventStats empty() {
    return new FrameEventStats(
        0,
        Map.of(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  /**
   * The smallest and largest media_time_ms of a set of frame events.
   *
   * @param minMs smallest media_time_ms, at least 0
   * @param maxMs largest media_time_ms, at least {@code minMs}
   */
  public record MediaTimeRange(long minMs, long maxMs) {
    public MediaTimeRange {
      Checks.range("min_media_time_ms", minMs, 0, Long.MAX_VALUE);
      Checks.range("max_media_time_ms", maxMs, minMs, Long.MAX_VALUE);
    }

    /** The range widened to hold {@code mediaTimeMs}. */
    public MediaTimeRange with(long mediaTimeMs) {
      return new MediaTimeRange(Math.min(minMs, mediaTimeMs), Math.max(maxMs, mediaTimeMs));
    }
  }
}
