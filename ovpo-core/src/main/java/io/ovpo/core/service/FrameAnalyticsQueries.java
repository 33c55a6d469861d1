package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Frame analytics for dashboards (spec 05 §6.4-6.5): the tenant's frame series over time and one
 * trace's frame timeline. Each call checks the permission, then the parameters, then the resource
 * (spec 09 §3), and is audited as TRACE_QUERY before it returns; refused calls are not audited.
 */
public final class FrameAnalyticsQueries {
  /** Longest series range (spec 05 §6): 8,785 hour buckets at most, within the 10,000 limit. */
  public static final Duration MAX_RANGE = Duration.ofDays(366);

  /** Largest timeline window, the port's limit. */
  public static final int MAX_WINDOW = 100_000;

  static final String SERIES_RESOURCE = "analytics:frames";

  private final TraceStore traces;
  private final FrameAnalyticsStore frames;
  private final AuditTrail audit;

  public FrameAnalyticsQueries(TraceStore traces, FrameAnalyticsStore frames, AuditTrail audit) {
    this.traces = Objects.requireNonNull(traces, "traces");
    this.frames = Objects.requireNonNull(frames, "frames");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** A counting series; {@code range} must be closed and at most {@link #MAX_RANGE} long. */
  public List<TimeBucket> activity(
      Principal principal,
      RequestContext request,
      FrameActivityMetric metric,
      BucketWidth bucket,
      TimeRange range) {
    Access.require(principal, Permission.METRIC_READ);
    checkRange(range);
    List<TimeBucket> points =
        frames.activity(principal.tenantId(), bucket, range).stream().map(metric::point).toList();
    auditSeries(principal, request, wire(metric), bucket, range, points.size());
    return points;
  }

  /** Count, mean, p95 and p99 of a quality or GPU metric per bucket; same range rule. */
  public List<FrameMetricBucket> metricSeries(
      Principal principal,
      RequestContext request,
      FrameMetric metric,
      BucketWidth bucket,
      TimeRange range) {
    Access.require(principal, Permission.METRIC_READ);
    checkRange(range);
    List<FrameMetricBucket> points =
        frames.metricSeries(principal.tenantId(), metric, bucket, range);
    auditSeries(principal, request, wire(metric), bucket, range, points.size());
    return points;
  }

  /**
   * The timeline of a stored trace of the caller's tenant, in windows of {@code window} (1..{@link
   * #MAX_WINDOW}) frame indexes.
   *
   * @throws OvpoException NOT_FOUND for an unknown, deleted or other tenant's trace, also when
   *     orphan events of that id are stored
   */
  public FrameTimeline timeline(
      Principal principal, RequestContext request, TraceId traceId, int window) {
    Access.require(principal, Permission.TRACE_READ);
    if (window < 1 || window > MAX_WINDOW) {
      throw invalid("parameter 'window' must be between 1 and " + MAX_WINDOW);
    }
    TraceRecord record =
        traces
            .get(principal.tenantId(), traceId)
            .orElseThrow(() -> new OvpoException(ErrorCode.NOT_FOUND, "trace not found"));
    FrameTimeline timeline =
        new FrameTimeline(
            traceId,
            window,
            record.frameEventsExpired(),
            frames.timeline(principal.tenantId(), traceId, window));
    Map<String, String> details = new TreeMap<>();
    details.put("window", Integer.toString(window));
    details.put("result_count", Integer.toString(timeline.points().size()));
    audit.record(
        principal,
        request,
        principal.tenantId(),
        AuditAction.TRACE_QUERY,
        Optional.of("trace:" + traceId.value()),
        details);
    return timeline;
  }

  private static void checkRange(TimeRange range) {
    if (range.from().isEmpty() || range.to().isEmpty()) {
      throw invalid("the range needs both 'from' and 'to'");
    }
    if (Duration.between(range.from().get(), range.to().get()).compareTo(MAX_RANGE) > 0) {
      throw invalid("the range from 'from' to 'to' must not exceed 366 days");
    }
  }

  /** The filters as sent and the bucket count; there are no tags here, so no tag values leak. */
  private void auditSeries(
      Principal principal,
      RequestContext request,
      String metric,
      BucketWidth bucket,
      TimeRange range,
      int resultCount) {
    Map<String, String> details = new TreeMap<>();
    details.put("metric", metric);
    details.put("bucket", wire(bucket));
    details.put("from", range.from().map(Instant::toString).orElseThrow());
    details.put("to", range.to().map(Instant::toString).orElseThrow());
    details.put("result_count", Integer.toString(resultCount));
    audit.record(
        principal,
        request,
        principal.tenantId(),
        AuditAction.TRACE_QUERY,
        Optional.of(SERIES_RESOURCE),
        details);
  }

  /** The wire name of a metric or bucket ({@code frame_failure_rate}, {@code hour}). */
  private static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static OvpoException invalid(String message) {
    return new OvpoException(ErrorCode.INVALID_PARAMETER, message);
  }
}
