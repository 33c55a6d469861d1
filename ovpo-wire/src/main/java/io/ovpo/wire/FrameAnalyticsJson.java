package io.ovpo.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Bodies of the frame analytics (spec 05 §6.4-6.5); metric names are lower case. Counting series
 * have the span series' shape and share its writer in {@link QueryJson}.
 */
final class FrameAnalyticsJson {
  private FrameAnalyticsJson() {}

  static ObjectNode metricSeries(
      FrameMetric metric,
      BucketWidth bucket,
      Instant from,
      Instant to,
      List<FrameMetricBucket> buckets) {
    ObjectNode o = QueryJson.seriesHeader(wire(metric), bucket, from, to);
    ArrayNode data = o.putArray("data");
    for (FrameMetricBucket b : buckets) {
      ObjectNode e = data.addObject();
      e.put("start", EntityJson.time(b.start()));
      e.put("count", b.count());
      e.put("avg", b.avg());
      e.put("p95", b.p95());
      e.put("p99", b.p99());
    }
    return o;
  }

  static ObjectNode timeline(
      TraceId traceId, int window, boolean frameEventsExpired, List<FrameTimelinePoint> points) {
    ObjectNode o = WireJson.object();
    o.put("trace_id", traceId.value());
    o.put("window", window);
    o.put("frame_events_expired", frameEventsExpired);
    ArrayNode data = o.putArray("data");
    for (FrameTimelinePoint p : points) {
      ObjectNode e = data.addObject();
      e.put("first_frame", p.firstFrame());
      e.put("event_count", p.eventCount());
      ObjectNode types = e.putObject("events_by_type");
      p.eventsByType().forEach((type, n) -> types.put(type.name(), n));
      ObjectNode averages = e.putObject("averages");
      p.averages().forEach((metric, avg) -> averages.put(wire(metric), avg));
      QueryJson.putNullable(e, "peak_vram_mb", p.peakVramMb());
      e.put("first_observed_at", EntityJson.time(p.firstObservedAt()));
      e.put("last_observed_at", EntityJson.time(p.lastObservedAt()));
    }
    return o;
  }

  private static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
