package io.ovpo.testkit;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The naive reference of {@link FrameAnalyticsStoreContract}: the definitions of the port, computed
 * the obvious way over a list of distinct events.
 */
final class FrameAnalyticsReference {
  private FrameAnalyticsReference() {}

  static List<FrameTimelinePoint> timeline(List<StoredFrameEvent> events, int window) {
    TreeMap<Long, List<FrameEvent>> windows = new TreeMap<>();
    for (StoredFrameEvent s : events) {
      long first = s.event().frameIndex() / window * window;
      windows.computeIfAbsent(first, k -> new ArrayList<>()).add(s.event());
    }
    List<FrameTimelinePoint> out = new ArrayList<>();
    windows.forEach(
        (first, list) -> {
          Map<EventType, Long> types = new EnumMap<>(EventType.class);
          Map<FrameMetric, Double> averages = new EnumMap<>(FrameMetric.class);
          list.forEach(e -> types.merge(e.eventType(), 1L, Long::sum));
          for (FrameMetric m : FrameMetric.values()) {
            mean(values(list, m)).ifPresent(v -> averages.put(m, v));
          }
          List<Double> vram = values(list, FrameMetric.VRAM_USED_MB);
          out.add(
              new FrameTimelinePoint(
                  first,
                  types,
                  averages,
                  vram.stream().mapToDouble(Double::doubleValue).max(),
                  list.stream().map(FrameEvent::observedAt).min(Instant::compareTo).orElseThrow(),
                  list.stream().map(FrameEvent::observedAt).max(Instant::compareTo).orElseThrow()));
        });
    return out;
  }

  static List<FrameActivityBucket> activity(
      List<StoredFrameEvent> events, BucketWidth bucket, TimeRange range) {
    TreeMap<Instant, List<FrameEvent>> buckets = bucketed(events, bucket, range);
    List<FrameActivityBucket> out = new ArrayList<>();
    buckets.forEach(
        (start, list) -> {
          Set<Object> traces = new HashSet<>();
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

  static List<FrameMetricBucket> metricSeries(
      List<StoredFrameEvent> events, FrameMetric metric, BucketWidth bucket, TimeRange range) {
    TreeMap<Instant, List<FrameEvent>> buckets = bucketed(events, bucket, range);
    List<FrameMetricBucket> out = new ArrayList<>();
    buckets.forEach(
        (start, list) -> {
          List<Double> v = values(list, metric);
          if (v.isEmpty()) {
            return;
          }
          v.sort(null);
          out.add(
              new FrameMetricBucket(
                  start, v.size(), mean(v).getAsDouble(), nearestRank(v, 95), nearestRank(v, 99)));
        });
    return out;
  }

  private static TreeMap<Instant, List<FrameEvent>> bucketed(
      List<StoredFrameEvent> events, BucketWidth bucket, TimeRange range) {
    long width = bucket.width().toMillis();
    TreeMap<Instant, List<FrameEvent>> out = new TreeMap<>();
    for (StoredFrameEvent s : events) {
      Instant t = s.event().observedAt();
      if (range.contains(t)) {
        Instant start = Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), width) * width);
        out.computeIfAbsent(start, k -> new ArrayList<>()).add(s.event());
      }
    }
    return out;
  }

  private static List<Double> values(List<FrameEvent> events, FrameMetric metric) {
    List<Double> out = new ArrayList<>();
    for (FrameEvent e : events) {
      metric.of(e).ifPresent(out::add);
    }
    return out;
  }

  private static OptionalDouble mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average();
  }

  /** Index ceil(p × n / 100) − 1 of sorted values, in integer arithmetic (chapter 05 §5). */
  private static double nearestRank(List<Double> sorted, int percent) {
    int n = sorted.size();
    return sorted.get((percent * n + 99) / 100 - 1);
  }
}
