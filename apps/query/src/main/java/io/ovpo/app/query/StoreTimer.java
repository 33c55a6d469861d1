package io.ovpo.app.query;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.ports.out.MetricsRecorder;
import java.util.function.Supplier;
import javax.inject.Inject;

/**
 * Times use-case calls as {@code db_latency_seconds{backend}}, the backend being the configured
 * metadata store. The use cases of the read path are store reads plus an audit append, so this is
 * the honest measurable proxy for store latency without wrapping every port.
 */
final class StoreTimer {
  private final MetricsRecorder metrics;
  private final String backend;

  @Inject
  StoreTimer(MetricsRecorder metrics, OvpoConfig config) {
    this.metrics = metrics;
    this.backend = config.store();
  }

  <T> T time(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      metrics.observe("db_latency_seconds", (System.nanoTime() - start) / 1e9, "backend", backend);
    }
  }

  void run(Runnable call) {
    time(
        () -> {
          call.run();
          return null;
        });
  }
}
