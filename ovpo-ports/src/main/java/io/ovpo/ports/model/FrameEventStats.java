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
 */
public record FrameEventStats(
    long eventCount,
    Map<EventType, Long> distinctFramesByType,
    OptionalDouble peakVramMb,
    OptionalDouble avgGpuUtilizationPct,
    Optional<Instant> firstObservedAt,
    Optional<Instant> lastObservedAt) {
  public FrameEventStats {
    Checks.range("event_count", eventCount, 0, Long.MAX_VALUE);
    EnumMap<EventType, Long> copy = new EnumMap<>(EventType.class);
    copy.putAll(Checks.notNull("distinct_frames_by_type", distinctFramesByType));
    distinctFramesByType = Collections.unmodifiableMap(copy);
    Checks.notNull("peak_vram_mb", peakVramMb);
    Checks.notNull("avg_gpu_utilization_pct", avgGpuUtilizationPct);
    Checks.notNull("first_observed_at", firstObservedAt);
    Checks.notNull("last_observed_at", lastObservedAt);
  }

  public static FrameEventStats empty() {
    return new FrameEventStats(
        0,
        Map.of(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
