package io.ovpo.app.query;

import io.ovpo.core.service.AuditTrail;
import io.ovpo.ports.in.AnalyticsUseCase;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;

/**
 * {@code GET /v1/analytics/bottlenecks}, {@code /costs/calculate} and {@code /timeseries} (spec 05
 * §6), all needing metric:read and each audited as TRACE_QUERY before the answer is sent. The
 * analytics use case takes no request context, so the audit record is written here, through the
 * same audit trail the other services use.
 */
final class AnalyticsHandler {
  private static final Set<String> BOTTLENECK_PARAMS = Set.of("from", "to", "tag");
  private static final Set<String> COST_PARAMS = Set.of("trace_ids");
  private static final Set<String> SERIES_PARAMS = Set.of("metric", "bucket", "from", "to", "tag");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration MONTH = Duration.ofDays(30);

  private final Authenticated authenticated;
  private final AnalyticsUseCase analytics;
  private final AuditTrail audit;
  private final StoreTimer timer;
  private final Clock clock;

  @Inject
  AnalyticsHandler(
      Authenticated authenticated,
      AnalyticsUseCase analytics,
      AuditTrail audit,
      StoreTimer timer,
      Clock clock) {
    this.authenticated = authenticated;
    this.analytics = analytics;
    this.audit = audit;
    this.timer = timer;
    this.clock = clock;
  }

  void bottlenecks(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.METRIC_READ);
    QueryParams p = QueryParams.of(ex, BOTTLENECK_PARAMS);
    TimeRange range = Ranges.analytics(p.time("from"), p.time("to"), now(), DAY);
    Tags tags = TagFilter.parse(p.all("tag"));
    List<SpanDurationStats> stats = timer.time(() -> analytics.bottlenecks(principal, range, tags));
    Map<String, String> details = rangeDetails(range, tags);
    details.put("result_count", Integer.toString(stats.size()));
    audit(ex, principal, "analytics:bottlenecks", details);
    Responses.json(ex, 200, ModelWriter.bottlenecks(range.from().get(), range.to().get(), stats));
  }

  void costs(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.METRIC_READ);
    QueryParams p = QueryParams.of(ex, COST_PARAMS);
    List<TraceId> ids = CostParams.traceIds(p);
    CostReport report = timer.time(() -> analytics.costs(principal, ids));
    Map<String, String> details = new TreeMap<>();
    details.put("trace_ids", Integer.toString(ids.size()));
    details.put("result_count", Integer.toString(report.traces().size()));
    audit(ex, principal, "analytics:costs", details);
    Responses.json(ex, 200, ModelWriter.costs(report, ids));
  }

  void timeseries(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.METRIC_READ);
    QueryParams p = QueryParams.of(ex, SERIES_PARAMS);
    TimeseriesMetric metric = SeriesParams.metric(p);
    BucketWidth bucket = SeriesParams.bucket(p);
    TimeRange range =
        Ranges.analytics(
            p.time("from"), p.time("to"), now(), bucket == BucketWidth.DAY ? MONTH : DAY);
    Tags tags = TagFilter.parse(p.all("tag"));
    List<TimeBucket> buckets =
        timer.time(() -> analytics.timeseries(principal, metric, bucket, range, tags));
    Map<String, String> details = rangeDetails(range, tags);
    details.put("metric", SeriesParams.wire(metric));
    details.put("bucket", SeriesParams.wire(bucket));
    details.put("result_count", Integer.toString(buckets.size()));
    audit(ex, principal, "analytics:timeseries", details);
    Responses.json(
        ex,
        200,
        ModelWriter.timeseries(metric, bucket, range.from().get(), range.to().get(), buckets));
  }

  private void audit(
      HttpServerExchange ex, Principal principal, String resource, Map<String, String> details) {
    timer.run(
        () ->
            audit.record(
                principal,
                Authenticated.context(ex),
                principal.tenantId(),
                AuditAction.TRACE_QUERY,
                Optional.of(resource),
                details));
  }

  /** The filters as sent; tag keys only, since audit details must not hold tag values. */
  private static Map<String, String> rangeDetails(TimeRange range, Tags tags) {
    Map<String, String> d = new TreeMap<>();
    range.from().ifPresent(f -> d.put("from", f.toString()));
    range.to().ifPresent(t -> d.put("to", t.toString()));
    if (!tags.isEmpty()) {
      d.put("tag", String.join(",", tags.values().keySet()));
    }
    return d;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
