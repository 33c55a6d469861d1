package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One window of a trace's frame timeline: the events whose frame_index lies in [firstFrame,
 * firstFrame + window).
 *
 * @param eventsByType events per type; types without events are absent
 * @param averages mean of each metric over the window's events that carry it; metrics no event
 *     carries are absent
 * @param peakVramMb max gpu.vram_used_mb in the window, when any event carries a GPU sample
 */
public record FrameTimelinePoint(
    long firstFrame,
    Map<EventType, Long> eventsByType,
    Map<FrameMetric, Double> averages,
    OptionalDouble peakVramMb,
    Instant firstObservedAt,
    Instant lastObservedAt) {
  public FrameTimelinePoint {
    Checks.range("first_frame", firstFrame, 0, Long.MAX_VALUE);
    EnumMap<EventType, Long> types = new EnumMap<>(EventType.class);
    types.putAll(Checks.notNull("events_by_type", eventsByType));
    Checks.check(!types.isEmpty(), "events_by_type", "must not be empty");
    eventsByType = Collections.unmodifiableMap(types);
    EnumMap<FrameMetric, Double> avg = new EnumMap<>(FrameMetric.class);
    avg.putAll(Checks.notNull("averages", averages));
    averages = Collections.unmodifiableMap(avg);
    Checks.notNull("peak_vram_mb", peakVramMb);
    Checks.notNull("first_observed_at", firstObservedAt);
    Checks.notNull("last_observed_at", lastObservedAt);
    Checks.notBefore("last_observed_at", lastObservedAt, "first_observed_at", firstObservedAt);
  }

  /** Events in the window, of every type. */
  public long eventCount() {
    return eventsByType.values().stream().mapToLong(Long::longValue).sum();
  }
}
