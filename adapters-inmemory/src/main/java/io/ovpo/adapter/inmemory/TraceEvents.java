package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameEventStats.MediaTimeRange;
import io.ovpo.ports.model.StoredFrameEvent;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One trace's events in read order, plus running aggregates so {@code stats} costs O(1) however
 * many frames the trace has. Aggregates are guarded by the owning tenant's lock.
 */
final class TraceEvents {
  final ConcurrentSkipListMap<EventKey, StoredFrameEvent> events = new ConcurrentSkipListMap<>();
  private final Map<EventType, Set<Long>> frames = new EnumMap<>(EventType.class);
  private final Map<EventType, MediaTimeRange> mediaTime = new EnumMap<>(EventType.class);
  private double peakVram = Double.NEGATIVE_INFINITY;
  private double utilizationSum;
  private long gpuSamples;
  private Instant first;
  private Instant last;

  void add(StoredFrameEvent stored) {
    FrameEvent e = stored.event();
    events.put(EventKey.of(e), stored);
    frames.computeIfAbsent(e.eventType(), t -> new HashSet<>()).add(e.frameIndex());
    mediaTime.merge(
        e.eventType(),
        new MediaTimeRange(e.mediaTimeMs(), e.mediaTimeMs()),
        (old, one) -> old.with(one.minMs()));
    e.gpu()
        .ifPresent(
            g -> {
              peakVram = Math.max(peakVram, g.vramUsedMb());
              utilizationSum += g.gpuUtilizationPct();
              gpuSamples++;
            });
    Instant t = e.observedAt();
    first = first == null || t.isBefore(first) ? t : first;
    last = last == null || t.isAfter(last) ? t : last;
  }

  int size() {
    return events.size();
  }

  FrameEventStats stats() {
    if (events.isEmpty()) {
      return FrameEventStats.empty();
    }
    Map<EventType, Long> distinct = new EnumMap<>(EventType.class);
    frames.forEach((type, set) -> distinct.put(type, (long) set.size()));
    return new FrameEventStats(
        events.size(),
        distinct,
        gpuSamples == 0 ? OptionalDouble.empty() : OptionalDouble.of(peakVram),
        gpuSamples == 0 ? OptionalDouble.empty() : OptionalDouble.of(utilizationSum / gpuSamples),
        Optional.ofNullable(first),
        Optional.ofNullable(last),
        mediaTime);
  }
}
