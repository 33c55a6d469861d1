package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.SpanKind;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analytics endpoints over HTTP (spec 05 §5-6). */
class ITAnalytics {
  static TestServer server;
  static Http http;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITAnalytics");
    http = server.http();
    fx = server.fixtures();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Instant hoursAgo(int h) {
    return Instant.now().minus(Duration.ofHours(h)).truncatedTo(ChronoUnit.MILLIS);
  }

  /** A finished trace with one span of each given duration (ms) of {@code kind}. */
  static TraceId storeJob(TenantKeys t, String env, SpanKind kind, long... durations) {
    Instant t0 = hoursAgo(2);
    Trace trace =
        fx.trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(t0)
            .ran(Duration.ZERO, 60_000)
            .tag("env", env)
            .build();
    List<IngestItem> items = new ArrayList<>();
    items.add(new IngestItem.TraceItem(trace));
    for (long d : durations) {
      items.add(
          new IngestItem.SpanItem(
              fx.span(trace.traceId()).kind(kind).start(t0.plusMillis(10)).durationMs(d).build()));
    }
    server.store(t.id(), items);
    return trace.traceId();
  }

  @Test
  void bottlenecks_givesNearestRankPercentilesPerKind_slowestFirst() {
    TenantKeys t = server.newTenant();
    long[] sampling = IntStream.rangeClosed(1, 20).mapToLong(i -> i * 1_000L).toArray();
    storeJob(t, "prod", SpanKind.SAMPLING, sampling);
    storeJob(t, "dev", SpanKind.LOAD, 100, 200, 300);

    Reply r = http.get("/v1/analytics/bottlenecks", t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode data = r.json().get("data");
    assertThat(data).hasSize(2);
    JsonNode first = data.get(0);
    assertThat(first.get("span_kind").asText()).isEqualTo("SAMPLING");
    assertThat(first.get("count").asLong()).isEqualTo(20);
    assertThat(first.get("avg_ms").asDouble()).isEqualTo(10_500.0);
    // p95 of 20 values is the 19th smallest, p99 the 20th.
    assertThat(first.get("p95_ms").asLong()).isEqualTo(19_000);
    assertThat(first.get("p99_ms").asLong()).isEqualTo(20_000);
    assertThat(data.get(1).get("span_kind").asText()).isEqualTo("LOAD");
    assertThat(r.json().get("from").asText()).endsWith("Z");

    JsonNode dev = http.get("/v1/analytics/bottlenecks?tag=env:dev", t.viewer()).json().get("data");
    assertThat(dev).hasSize(1);
    assertThat(dev.get(0).get("span_kind").asText()).isEqualTo("LOAD");
    String past = "from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z";
    assertThat(http.get("/v1/analytics/bottlenecks?" + past, t.viewer()).json().get("data"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "from=2024-01-01T00:00:00Z&to=2025-01-02T00:00:00Z",
        "from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z",
        "from=today",
        "tenant_id=x",
        "status=FAILED"
      })
  void bottlenecks_refusesBadRangesAndUnknownParameters(String query) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/analytics/bottlenecks?" + query, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void costs_followsRequestOrder_countsRepeatsOnce_andListsUnknownIds() {
    TenantKeys t = server.newTenant();
    TraceId a = storeJob(t, "prod", SpanKind.SAMPLING, 3_600_000);
    TraceId b = storeJob(t, "prod", SpanKind.DECODE, 60_000);
    TraceId unknown = TraceId.random();
    Reply r =
        http.get(
            "/v1/analytics/costs/calculate?trace_ids=" + b + "," + unknown + "," + a + "," + b,
            t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.at("/data/0/trace_id").asText()).isEqualTo(b.value());
    assertThat(body.at("/data/1/trace_id").asText()).isEqualTo(a.value());
    assertThat(body.at("/data/1/compute_units").asDouble()).isPositive();
    assertThat(body.at("/data/1/by_span_kind/SAMPLING").asDouble()).isPositive();
    assertThat(body.at("/pricing_profile/name").asText()).isNotEmpty();
    assertThat(body.at("/pricing_profile/version").asText()).isNotEmpty();
    assertThat(body.get("not_found")).hasSize(1);
    assertThat(body.at("/not_found/0").asText()).isEqualTo(unknown.value());
    assertThat(body.get("total_compute_units").asDouble())
        .isEqualTo(
            body.at("/data/0/compute_units").asDouble()
                + body.at("/data/1/compute_units").asDouble());
    assertThat(body.toString()).doesNotContain("currency", "USD");
  }

  @Test
  void costs_refusesMissingMalformedAndTooManyIds() {
    TenantKeys t = server.newTenant();
    String tooMany =
        IntStream.range(0, 101)
            .mapToObj(i -> TraceId.random().value())
            .collect(Collectors.joining(","));
    for (String q :
        List.of(
            "",
            "?trace_ids=",
            "?trace_ids=abc",
            "?trace_ids=" + TraceId.random() + ",,",
            "?trace_ids=" + tooMany)) {
      Reply r = http.get("/v1/analytics/costs/calculate" + q, t.viewer());
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
    }
  }

  @Test
  void timeseries_bucketsTracesByCreationHour() {
    TenantKeys t = server.newTenant();
    Instant hourA = hoursAgo(5).truncatedTo(ChronoUnit.HOURS);
    Instant hourB = hourA.plus(Duration.ofHours(2));
    Trace ok1 =
        fx.trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(hourA.plusSeconds(10))
            .ran(Duration.ZERO, 1_000)
            .build();
    Trace ok2 =
        fx.trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(hourA.plusSeconds(20))
            .ran(Duration.ZERO, 2_000)
            .build();
    Trace failed =
        fx.trace()
            .status(TraceStatus.FAILED)
            .failure(FailureCode.OOM, "oom")
            .createdAt(hourB.plusSeconds(5))
            .ran(Duration.ZERO, 500)
            .build();
    server.store(
        t.id(),
        new IngestItem.TraceItem(ok1),
        new IngestItem.TraceItem(ok2),
        new IngestItem.TraceItem(failed));

    Reply r = http.get("/v1/analytics/timeseries?metric=throughput", t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("metric").asText()).isEqualTo("throughput");
    assertThat(body.get("bucket").asText()).isEqualTo("hour");
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.at("/data/0/start").asText()).isEqualTo(WireJson.formatInstant(hourA));
    assertThat(body.at("/data/0/value").asDouble()).isEqualTo(2.0);
    assertThat(body.at("/data/1/value").asDouble()).isEqualTo(1.0);

    JsonNode rate =
        http.get(
                "/v1/analytics/timeseries?metric=failure_rate&bucket=day&from="
                    + hourA.minus(Duration.ofDays(1))
                    + "&to="
                    + hourB.plus(Duration.ofDays(1)),
                t.viewer())
            .json();
    double failures = 0;
    long terminal = 0;
    for (JsonNode b : rate.get("data")) {
      failures += b.get("value").asDouble() * b.get("count").asLong();
      terminal += b.get("count").asLong();
    }
    assertThat(terminal).isEqualTo(3);
    assertThat(failures).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "metric=latency",
        "metric=throughput&bucket=week",
        "metric=THROUGHPUT",
        "metric=throughput&from=2020-01-01T00:00:00Z&to=2021-06-01T00:00:00Z",
        "metric=throughput&offset=1"
      })
  void timeseries_refusesBadMetricBucketAndRange(String query) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/analytics/timeseries?" + query, t.viewer());
    assertThat(r.status()).as(query).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
  }
}
