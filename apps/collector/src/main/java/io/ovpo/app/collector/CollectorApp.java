package io.ovpo.app.collector;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.http.HealthRoutes;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.common.http.Routes;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.server.RoutingHandler;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The standalone collector: ingest, health and metrics routes on {@code OVPO_PORT}. When {@code
 * OVPO_BOOTSTRAP_API_KEY} is set, that super_admin key (and its tenant) is registered at start if
 * absent; the collector never generates a key (the server and query apps do).
 */
@Singleton
public final class CollectorApp implements AutoCloseable {
  private final OvpoConfig config;
  private final CollectorRoutes routes;
  private final HealthRoutes health;
  private final ErrorBodyWriter errors;
  private final MetricsRecorder metrics;
  private final Backends backends;
  private final BootstrapUseCase bootstrap;
  private OvpoHttpServer http;

  @Inject
  public CollectorApp(
      OvpoConfig config,
      CollectorRoutes routes,
      HealthRoutes health,
      ErrorBodyWriter errors,
      MetricsRecorder metrics,
      Backends backends,
      BootstrapUseCase bootstrap) {
    this.config = config;
    this.routes = routes;
    this.health = health;
    this.errors = errors;
    this.metrics = metrics;
    this.backends = backends;
    this.bootstrap = bootstrap;
  }

  /** Registers the bootstrap key when configured, then listens. */
  public synchronized CollectorApp start() {
    if (http != null) {
      return this;
    }
    config
        .optional(Setting.BOOTSTRAP_API_KEY)
        .ifPresent(
            key ->
                bootstrap.ensure(
                    TenantId.of(config.string(Setting.BOOTSTRAP_TENANT)),
                    java.util.Optional.of(key),
                    config.string(Setting.BOOTSTRAP_TIER)));
    RoutingHandler routing = health.addTo(routes.addTo(Routes.routing()));
    http =
        OvpoHttpServer.start(
            config.string(Setting.BIND_HOST), config.port(), routing, errors, metrics);
    return this;
  }

  /** The port listened on (useful with {@code OVPO_PORT=0}). */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.port();
  }

  /** Finishes the requests in flight (up to 10 s), then closes the backends. */
  @Override
  public synchronized void close() {
    if (http != null) {
      http.stop(Duration.ofSeconds(10));
      http = null;
    }
    backends.close();
  }
}
