package io.ovpo.app.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.metrics.PrometheusMetrics;
import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP metrics every role exports (spec 05 §9.3), over a real Undertow. */
class AccessLogHandlerTest {
  private static final String TRACE = "3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b";
  private final PrometheusMetrics prometheus = new PrometheusMetrics();
  // The handler records when the exchange completes, which may be after the client has the answer.
  private final BlockingQueue<String> recorded = new LinkedBlockingQueue<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private Undertow server;
  private String base;

  @BeforeEach
  void start() {
    MetricsRecorder recorder =
        new MetricsRecorder() {
          @Override
          public void increment(String name, long amount, String... labels) {
            prometheus.increment(name, amount, labels);
          }

          @Override
          public void observe(String name, double value, String... labels) {
            prometheus.observe(name, value, labels);
            recorded.add(name);
          }

          @Override
          public void gauge(String name, double value, String... labels) {
            prometheus.gauge(name, value, labels);
          }
        };
    var routes =
        Handlers.routing()
            .get("/v1/traces/{trace_id}", ex -> ex.getResponseSender().send("{}"))
            .setFallbackHandler(ex -> ex.setStatusCode(404));
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new AccessLogHandler(routes, recorder))
            .build();
    server.start();
    base =
        "http://127.0.0.1:"
            + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private int send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    assertThat(recorded.poll(30, TimeUnit.SECONDS)).isEqualTo("http_request_duration_seconds");
    return status;
  }

  /** The sample line of {@code metric} that carries every one of {@code labels}. */
  private List<String> lines(String metric, String... labels) {
    return prometheus
        .scrape()
        .lines()
        .filter(l -> l.startsWith(metric + "{"))
        .filter(l -> List.of(labels).stream().allMatch(l::contains))
        .toList();
  }

  @Test
  void responses_areCountedAndTimed_byRouteTemplateMethodAndStatus() throws Exception {
    assertThat(send("GET", "/v1/traces/" + TRACE)).isEqualTo(200);

    assertThat(
            lines(
                "ovpo_http_requests_total",
                "route=\"/v1/traces/{trace_id}\"",
                "method=\"GET\"",
                "status=\"200\""))
        .singleElement()
        .satisfies(l -> assertThat(l).endsWith(" 1.0"));
    assertThat(
            lines(
                "ovpo_http_request_duration_seconds_bucket",
                "route=\"/v1/traces/{trace_id}\"",
                "method=\"GET\""))
        .isNotEmpty()
        .noneMatch(l -> l.contains("status="));
    // Labels carry the route template, never the id in the path.
    assertThat(prometheus.scrape()).doesNotContain(TRACE);
  }

  @Test
  void unmatchedPathsAndUnknownMethods_keepTheLabelsBounded() throws Exception {
    assertThat(send("BREW", "/coffee/" + TRACE)).isEqualTo(404);

    assertThat(
            lines(
                "ovpo_http_requests_total",
                "route=\"unmatched\"",
                "method=\"other\"",
                "status=\"404\""))
        .hasSize(1);
    assertThat(prometheus.scrape()).doesNotContain("BREW").doesNotContain("coffee");
  }
}
