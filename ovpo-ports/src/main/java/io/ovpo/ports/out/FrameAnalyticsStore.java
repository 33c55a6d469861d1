package io.ovpo.ports.out;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import java.util.List;

/**
 * Aggregates over the frame events of a {@link FrameEventStore} (the one it is built with, so it
 * sees every event that store has and none it deleted), for dashboards. Every read is scoped to one
 * tenant; each stored event counts once, however often it was delivered. Time buckets are by
 * observed_at and start at whole UTC hours or days ({@link BucketWidth}); buckets without events
 * are omitted; results are in ascending order. Transient backend failures throw {@link
 * io.ovpo.ports.error.StoreUnavailableException}.
 */
public interface FrameAnalyticsStore extends HealthCheck {
  /**
   * A trace's frame timeline: one point per window of {@code window} consecutive frame indexes
   * (1..100,000) that holds events, ordered by first frame; empty when the trace has no events.
   */
  List<FrameTimelinePoint> timeline(TenantId tenant, TraceId traceId, int window);

  /**
   * Throughput and failures per bucket: traces with events, events per type, over events whose
   * observed_at lies in {@code range}.
   */
  List<FrameActivityBucket> activity(TenantId tenant, BucketWidth bucket, TimeRange range);

  /**
   * Count, mean and exact nearest-rank p95/p99 of {@code metric} per bucket, over events whose
   * observed_at lies in {@code range} and that carry the metric.
   */
  List<FrameMetricBucket> metricSeries(
      TenantId tenant, FrameMetric metric, BucketWidth bucket, TimeRange range);
}
