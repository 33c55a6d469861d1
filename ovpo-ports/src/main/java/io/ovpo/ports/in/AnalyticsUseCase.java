package io.ovpo.ports.in;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import java.util.List;

/** Aggregates for dashboards; all require metric:read. */
public interface AnalyticsUseCase {
  /** Per span kind: count, avg, p95, p99 of span durations (ms), spans starting in range. */
  List<SpanDurationStats> bottlenecks(Principal principal, TimeRange range, Tags tags);

  /** Compute units per trace and span kind (1..100 ids). */
  CostReport costs(Principal principal, List<TraceId> traceIds);

  List<TimeBucket> timeseries(
      Principal principal, TimeseriesMetric metric, BucketWidth bucket, TimeRange range, Tags tags);
}
