package io.ovpo.app.processor;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.http.HealthRoutes;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.common.http.Routes;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The standalone processor: {@link ProcessorWorkers}, {@link ReconcileScheduler} and {@link
 * RetentionScheduler}, with {@code /health}, {@code /ready} and {@code /metrics} on {@code
 * OVPO_PORT}.
 */
@Singleton
public final class ProcessorApp implements AutoCloseable {
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  private final OvpoConfig config;
  private final ProcessorWorkers workers;
  private final ReconcileScheduler reconciler;
  private final RetentionScheduler retention;
  private final HealthRoutes health;
  private final ErrorBodyWriter errors;
  private final MetricsRecorder metrics;
  private final Backends backends;
  private OvpoHttpServer http;

  @Inject
  public ProcessorApp(
      OvpoConfig config,
      ProcessorWorkers workers,
      ReconcileScheduler reconciler,
      RetentionScheduler retention,
      HealthRoutes health,
      ErrorBodyWriter errors,
      MetricsRecorder metrics,
      Backends backends) {
    this.config = config;
    this.workers = workers;
    this.reconciler = reconciler;
    this.retention = retention;
    this.health = health;
    this.errors = errors;
    this.metrics = metrics;
    this.backends = backends;
  }

  public synchronized ProcessorApp start() {
    if (http != null) {
      return this;
    }
    http =
        OvpoHttpServer.start(
            config.string(Setting.BIND_HOST),
            config.port(),
            health.addTo(Routes.routing()),
            errors,
            metrics);
    workers.start();
    reconciler.start();
    retention.start();
    return this;
  }

  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.port();
  }

  /** Drains the workers, stops the timer and the HTTP server, then closes the backends. */
  @Override
  public synchronized void close() {
    workers.drain(DRAIN_TIMEOUT);
    reconciler.close();
    retention.close();
    if (http != null) {
      http.stop(Duration.ofSeconds(5));
      http = null;
    }
    backends.close();
  }
}
