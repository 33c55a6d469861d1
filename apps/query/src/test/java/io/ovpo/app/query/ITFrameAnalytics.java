package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.WireJson;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame analytics over HTTP (spec 05 §6.4-6.5). */
class ITFrameAnalytics {
  static TestServer server;
  static Http http;
  static Fixtures fx;
  static Instant hour;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITFrameAnalytics");
    http = server.http();
    fx = server.fixtures();
    // Once per class, so an hour boundary passing mid-test cannot move the expected bucket.
    hour = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The start of the whole hour three hours ago: inside the default 24 h range. */
  static Instant hourStart() {
    return hour;
  }

  static TraceId storeTrace(TenantKeys t) {
    Trace trace =
        fx.trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(hourStart())
            .ran(Duration.ZERO, 60_000)
            .build();
    server.store(t.id(), new IngestItem.TraceItem(trace));
    return trace.traceId();
  }

  /**
   * Frames 0..n-1 of {@code trace}, one 100 ms apart from {@code hourStart()}, clip = (i+1)/100.
   */
  static List<StoredFrameEvent> frames(TraceId trace, int n) {
    List<StoredFrameEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          fx.event(trace)
              .frame(i)
              .observedAt(hourStart().plusMillis(100L * i))
              .metric(QualityMetrics.CLIP_SIMILARITY, (i + 1) / 100.0)
              .gpu(1_000.0 + i, 90)
              .stored());
    }
    return events;
  }

  static List<JsonNode> frameQueries(TenantKeys t) {
    JsonNode data = http.get("/v1/audit?action=TRACE_QUERY&limit=200", t.admin()).json();
    return StreamSupport.stream(data.get("data").spliterator(), false).toList();
  }

  @Test
  void frameSeries_countsActivityPerHour_andTheFailureRateOverAttempts() {
    TenantKeys t = server.newTenant();
    TraceId trace = storeTrace(t);
    List<StoredFrameEvent> events = new ArrayList<>(frames(trace, 3));
    events.add(
        fx.event(trace)
            .frame(3)
            .type(EventType.FRAME_ERROR)
            .observedAt(hourStart().plusSeconds(1))
            .stored());
    server.appendEvents(t.id(), events);

    Reply r = http.get("/v1/analytics/frames/timeseries?metric=frame_failure_rate", t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("metric").asText()).isEqualTo("frame_failure_rate");
    assertThat(body.get("bucket").asText()).isEqualTo("hour");
    assertThat(body.get("data")).hasSize(1);
    assertThat(body.at("/data/0/start").asText()).isEqualTo(WireJson.formatInstant(hourStart()));
    assertThat(body.at("/data/0/value").asDouble()).isEqualTo(0.25);
    assertThat(body.at("/data/0/count").asLong()).isEqualTo(4);

    JsonNode generated =
        http.get("/v1/analytics/frames/timeseries?metric=frames_generated&bucket=day", t.viewer())
            .json();
    assertThat(generated.at("/data/0/value").asDouble()).isEqualTo(3.0);
    String past = "&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z";
    assertThat(
            http.get("/v1/analytics/frames/timeseries?metric=traces" + past, t.viewer())
                .json()
                .get("data"))
        .isEmpty();
  }

  @Test
  void frameSeries_ofAQualityMetric_givesCountMeanAndNearestRankPercentiles() {
    TenantKeys t = server.newTenant();
    server.appendEvents(t.id(), frames(storeTrace(t), 20));

    Reply r = http.get("/v1/analytics/frames/timeseries?metric=clip_similarity", t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode point = r.json().at("/data/0");
    assertThat(point.get("count").asLong()).isEqualTo(20);
    assertThat(point.get("avg").asDouble()).isCloseTo(0.105, Offset.offset(1e-9));
    // p95 of 20 values is the 19th smallest, p99 the 20th (spec 05 §5).
    assertThat(point.get("p95").asDouble()).isEqualTo(0.19);
    assertThat(point.get("p99").asDouble()).isEqualTo(0.20);
    assertThat(point.has("value")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "metric=fps",
        "metric=CLIP_SIMILARITY",
        "metric=throughput",
        "metric=traces&bucket=week",
        "metric=traces&from=2020-01-01T00:00:00Z&to=2021-06-01T00:00:00Z",
        "metric=traces&from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z",
        "metric=traces&tag=env:prod",
        "metric=traces&tenant_id=x"
      })
  void frameSeries_refusesBadMetricBucketRangeAndParameters(String query) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/analytics/frames/timeseries?" + query, t.viewer());
    assertThat(r.status()).as(query).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void frameTimeline_windowsTheTracesEvents_byFrameIndex() {
    TenantKeys t = server.newTenant();
    TraceId trace = storeTrace(t);
    server.appendEvents(t.id(), frames(trace, 30));

    Reply r = http.get("/v1/traces/" + trace + "/frames/timeline", t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("trace_id").asText()).isEqualTo(trace.value());
    assertThat(body.get("window").asInt()).isEqualTo(24);
    assertThat(body.get("frame_events_expired").asBoolean()).isFalse();
    assertThat(body.get("data")).hasSize(2);
    JsonNode first = body.at("/data/0");
    assertThat(first.get("first_frame").asLong()).isZero();
    assertThat(first.get("event_count").asLong()).isEqualTo(24);
    assertThat(first.at("/events_by_type/FRAME_GENERATED").asLong()).isEqualTo(24);
    assertThat(first.at("/averages/clip_similarity").asDouble())
        .isCloseTo(0.125, Offset.offset(1e-9));
    assertThat(first.get("peak_vram_mb").asDouble()).isEqualTo(1_023.0);
    assertThat(first.get("first_observed_at").asText())
        .isEqualTo(WireJson.formatInstant(hourStart()));
    assertThat(body.at("/data/1/first_frame").asLong()).isEqualTo(24);

    JsonNode perTen =
        http.get("/v1/traces/" + trace + "/frames/timeline?window=10", t.viewer()).json();
    assertThat(perTen.get("data")).hasSize(3);
  }

  @Test
  void frameTimeline_ofAnUnknownOrOtherTenantsTrace_is404_andBadParametersAre400() {
    TenantKeys t = server.newTenant();
    TenantKeys other = server.newTenant();
    TraceId theirs = storeTrace(other);
    server.appendEvents(other.id(), frames(theirs, 3));
    TraceId orphan = fx.traceId();
    server.appendEvents(t.id(), frames(orphan, 3));

    for (TraceId id : List.of(theirs, orphan, fx.traceId())) {
      Reply r = http.get("/v1/traces/" + id + "/frames/timeline", t.viewer());
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
    }
    TraceId mine = storeTrace(t);
    for (String bad :
        List.of(
            mine + "/frames/timeline?window=0",
            mine + "/frames/timeline?window=100001",
            mine + "/frames/timeline?window=ten",
            mine + "/frames/timeline?bucket=hour",
            "NOT-A-UUID/frames/timeline")) {
      Reply r = http.get("/v1/traces/" + bad, t.viewer());
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
    }
  }

  @Test
  void frameAnalytics_areAuditedAsTraceQuery_andRefusalsAreNot() {
    TenantKeys t = server.newTenant();
    TraceId trace = storeTrace(t);
    assertThat(http.get("/v1/traces/" + fx.traceId() + "/frames/timeline", t.viewer()).status())
        .isEqualTo(404);
    assertThat(frameQueries(t)).isEmpty();

    assertThat(
            http.get("/v1/analytics/frames/timeseries?metric=vram_used_mb&bucket=day", t.viewer())
                .status())
        .isEqualTo(200);
    assertThat(http.get("/v1/traces/" + trace + "/frames/timeline?window=5", t.viewer()).status())
        .isEqualTo(200);

    List<JsonNode> records = frameQueries(t);
    assertThat(records).hasSize(2);
    JsonNode timeline = records.get(0); // newest first
    assertThat(timeline.get("resource").asText()).isEqualTo("trace:" + trace.value());
    assertThat(timeline.at("/details/window").asText()).isEqualTo("5");
    assertThat(timeline.at("/details/result_count").asText()).isEqualTo("0");
    JsonNode series = records.get(1);
    assertThat(series.get("resource").asText()).isEqualTo("analytics:frames");
    assertThat(series.at("/details/metric").asText()).isEqualTo("vram_used_mb");
    assertThat(series.at("/details/bucket").asText()).isEqualTo("day");
    assertThat(series.at("/details/from").asText()).isNotEmpty();
    assertThat(series.at("/details/to").asText()).isNotEmpty();
  }
}
