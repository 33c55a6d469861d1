package io.ovpo.app.processor;

import static io.ovpo.app.processor.ProcessorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.config.OvpoConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wired processor: Dagger graph, workers, reconciler and the operational routes. */
class ITProcessorApp {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void startedProcessor_servesHealthReadyAndMetrics_andStopsCleanly() {
    OvpoConfig config =
        OvpoConfig.load(
            Map.of(
                "OVPO_PORT", "0",
                "OVPO_BIND_HOST", "127.0.0.1",
                "OVPO_PROCESSOR_WORKERS", "3",
                "OVPO_LOG_FORMAT", "text"));
    ProcessorApp app = ProcessorComponent.create(config).app().start();
    try {
      int port = app.port();
      assertThat(get(port, "/health").statusCode()).isEqualTo(200);
      assertThat(get(port, "/ready").statusCode()).isEqualTo(200);
      await(() -> get(port, "/metrics").body().contains("ovpo_queue_depth"), "the depth gauge");
      HttpResponse<String> metrics = get(port, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      assertThat(get(port, "/v1/ingest/batch").statusCode()).isEqualTo(404);
    } finally {
      app.close();
    }
  }
}
