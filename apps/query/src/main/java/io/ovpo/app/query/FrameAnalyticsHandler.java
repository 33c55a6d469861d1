package io.ovpo.app.query;

import io.ovpo.core.service.FrameActivityMetric;
import io.ovpo.core.service.FrameAnalyticsQueries;
import io.ovpo.core.service.FrameTimeline;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code GET /v1/analytics/frames/timeseries} (metric:read) and {@code GET
 * /v1/traces/{trace_id}/frames/timeline} (trace:read), spec 05 §6.4-6.5. The use case checks the
 * rules and writes the TRACE_QUERY audit record; this class parses and answers.
 */
final class FrameAnalyticsHandler {
  /** Frame indexes per timeline point when {@code window} is absent: a second at 24 fps. */
  static final int DEFAULT_WINDOW = 24;

  private static final Set<String> SERIES_PARAMS = Set.of("metric", "bucket", "from", "to");
  private static final Set<String> TIMELINE_PARAMS = Set.of("window");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration MONTH = Duration.ofDays(30);

  private final Authenticated authenticated;
  private final FrameAnalyticsQueries frames;
  private final StoreTimer timer;
  private final Clock clock;

  @Inject
  FrameAnalyticsHandler(
      Authenticated authenticated, FrameAnalyticsQueries frames, StoreTimer timer, Clock clock) {
    this.authenticated = authenticated;
    this.frames = frames;
    this.timer = timer;
    this.clock = clock;
  }

  void series(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.METRIC_READ);
    QueryParams p = QueryParams.of(ex, SERIES_PARAMS);
    String metric =
        p.single("metric").orElseThrow(() -> QueryParams.invalid("parameter 'metric' is required"));
    Optional<FrameActivityMetric> counting = named(FrameActivityMetric.values(), metric);
    Optional<FrameMetric> distribution = named(FrameMetric.values(), metric);
    if (counting.isEmpty() && distribution.isEmpty()) {
      throw QueryParams.invalid(
          "parameter 'metric' must be one of traces, frames_generated, frames_decoded,"
              + " frame_errors, gpu_samples, frame_failure_rate, clip_similarity, aesthetic_score,"
              + " temporal_consistency, gpu_utilization_pct, vram_used_mb, gpu_temperature_c");
    }
    BucketWidth bucket = SeriesParams.bucket(p);
    TimeRange range =
        Ranges.analytics(
            p.time("from"), p.time("to"), now(), bucket == BucketWidth.DAY ? MONTH : DAY);
    Instant from = range.from().orElseThrow();
    Instant to = range.to().orElseThrow();
    if (counting.isPresent()) {
      List<TimeBucket> points =
          timer.time(
              () ->
                  frames.activity(
                      principal, Authenticated.context(ex), counting.get(), bucket, range));
      Responses.json(ex, 200, ModelWriter.frameActivity(metric, bucket, from, to, points));
    } else {
      List<FrameMetricBucket> points =
          timer.time(
              () ->
                  frames.metricSeries(
                      principal, Authenticated.context(ex), distribution.get(), bucket, range));
      Responses.json(
          ex, 200, ModelWriter.frameMetricSeries(distribution.get(), bucket, from, to, points));
    }
  }

  void timeline(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.TRACE_READ);
    QueryParams p = QueryParams.of(ex, TIMELINE_PARAMS);
    TraceId traceId = PathIds.trace(p);
    int window = p.integer("window", 1, FrameAnalyticsQueries.MAX_WINDOW).orElse(DEFAULT_WINDOW);
    FrameTimeline t =
        timer.time(() -> frames.timeline(principal, Authenticated.context(ex), traceId, window));
    Responses.json(
        ex,
        200,
        ModelWriter.frameTimeline(t.traceId(), t.window(), t.frameEventsExpired(), t.points()));
  }

  /** The value whose wire name ({@link SeriesParams#wire}) is {@code name}. */
  private static <E extends Enum<E>> Optional<E> named(E[] values, String name) {
    for (E v : values) {
      if (SeriesParams.wire(v).equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
