package io.ovpo.app.server;

import io.ovpo.examples.demo.DemoClient;
import io.ovpo.examples.demo.DemoPipeline;
import io.ovpo.examples.demo.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --demo}: the demo pipeline of {@code examples/demo-pipeline} sends its jobs to this
 * server's own ingest endpoint over HTTP, like any client, so there is data to look at right after
 * start-up. The seed comes from the clock, so every run adds six new traces (a fixed seed would
 * reuse trace ids and Idempotency-Keys with new timestamps against a persistent store).
 */
final class DemoRunner {
  private DemoRunner() {}

  /** Runs the demo on a daemon thread; completes with trace id → scenario, in job order. */
  static CompletableFuture<Map<String, Scenario>> start(
      String baseUrl, String apiKey, Clock clock) {
    CompletableFuture<Map<String, Scenario>> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(run(baseUrl, apiKey, clock));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "ovpo-demo");
    t.setDaemon(true);
    t.start();
    return result;
  }

  static Map<String, Scenario> run(String baseUrl, String apiKey, Clock clock) {
    try {
      return DemoPipeline.run(
          new DemoClient(baseUrl, apiKey),
          DemoPipeline.defaultJobs(clock.millis()),
          clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the demo was interrupted", e);
    }
  }
}
