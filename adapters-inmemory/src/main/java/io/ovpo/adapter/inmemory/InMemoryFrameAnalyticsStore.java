package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameAnalyticsStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link FrameAnalyticsStore} computed on read from a snapshot of {@link InMemoryFrameEventStore}:
 * a scan per call, fine at the in-memory store's caps (it holds every event at most once).
 */
final class InMemoryFrameAnalyticsStore implements FrameAnalyticsStore {
  private final InMemoryFrameEventStore events;

  InMemoryFrameAnalyticsStore(InMemoryFrameEventStore events) {
    this.events = events;
  }

  @Override
  public List<FrameTimelinePoint> timeline(TenantId tenant, TraceId traceId, int window) {
    if (window < 1 || window > 100_000) {
      throw new IllegalArgumentException("window must be 1..100000 (was " + window + ")");
    }
    TreeMap<Long, List<FrameEvent>> windows = new TreeMap<>();
    for (StoredFrameEvent s : events.snapshot(tenant, Optional.of(traceId))) {
      windows
          .computeIfAbsent(s.event().frameIndex() / window * window, k -> new ArrayList<>())
          .add(s.event());
    }
    List<FrameTimelinePoint> out = new ArrayList<>(windows.size());
    windows.forEach((first, list) -> out.add(point(first, list)));
    return out;
  }

  private static FrameTimelinePoint point(long first, List<FrameEvent> list) {
    Map<EventType, Long> types = new EnumMap<>(EventType.class);
    Map<FrameMetric, Double> averages = new EnumMap<>(FrameMetric.class);
    Instant min = list.get(0).observedAt();
    Instant max = min;
    for (FrameEvent e : list) {
      types.merge(e.eventType(), 1L, Long::sum);
      min = e.observedAt().isBefore(min) ? e.observedAt() : min;
      max = e.observedAt().isAfter(max) ? e.observedAt() : max;
    }
    for (FrameMetric m : FrameMetric.values()) {
      values(list, m).stream()
          .mapToDouble(Double::doubleValue)
          .average()
          .ifPresent(v -> averages.put(m, v));
    }
    OptionalDouble peak =
        values(list, FrameMetric.VRAM_USED_MB).stream().mapToDouble(Double::doubleValue).max();
    return new FrameTimelinePoint(first, types, averages, peak, min, max);
  }

  @Override
  public List<FrameActivityBucket> activity(TenantId tenant, BucketWidth bucket, TimeRange range) {
    List<FrameActivityBucket> out = new ArrayList<>();
    bucketed(tenant, bucket, range)
        .forEach(
            (start, list) -> {
              Set<TraceId> traces = new HashSet<>();
              long[] byType = new long[EventType.values().length];
              for (FrameEvent e : list) {
                traces.add(e.traceId());
                byType[e.eventType().ordinal()]++;
              }
              out.add(
                  new FrameActivityBucket(
                      start,
                      traces.size(),
                      byType[EventType.FRAME_GENERATED.ordinal()],
                      byType[EventType.FRAME_DECODED.ordinal()],
                      byType[EventType.FRAME_ERROR.ordinal()],
                      byType[EventType.GPU_SAMPLE.ordinal()]));
            });
    return out;
  }

  @Override
  public List<FrameMetricBucket> metricSeries(
      TenantId tenant, FrameMetric metric, BucketWidth bucket, TimeRange range) {
    List<FrameMetricBucket> out = new ArrayList<>();
    bucketed(tenant, bucket, range)
        .forEach(
            (start, list) -> {
              List<Double> v = values(list, metric);
              if (v.isEmpty()) {
                return;
              }
              v.sort(null);
              double avg = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
              out.add(
                  new FrameMetricBucket(
                      start, v.size(), avg, nearestRank(v, 95), nearestRank(v, 99)));
            });
    return out;
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }

  private TreeMap<Instant, List<FrameEvent>> bucketed(
      TenantId tenant, BucketWidth bucket, TimeRange range) {
    long width = bucket.width().toMillis();
    TreeMap<Instant, List<FrameEvent>> out = new TreeMap<>();
    for (StoredFrameEvent s : events.snapshot(tenant, Optional.empty())) {
      Instant t = s.event().observedAt();
      if (range.contains(t)) {
        Instant start = Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), width) * width);
        out.computeIfAbsent(start, k -> new ArrayList<>()).add(s.event());
      }
    }
    return out;
  }

  private static List<Double> values(List<FrameEvent> list, FrameMetric metric) {
    List<Double> out = new ArrayList<>();
    for (FrameEvent e : list) {
      metric.of(e).ifPresent(out::add);
    }
    return out;
  }

  /** Index ceil(p × n / 100) − 1 of sorted values, in integer arithmetic (spec 05 §5). */
  private static double nearestRank(List<Double> sorted, int percent) {
    return sorted.get((percent * sorted.size() + 99) / 100 - 1);
  }
}
