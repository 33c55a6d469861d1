package io.ovpo.app.query;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.http.HealthRoutes;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.common.http.Routes;
import io.ovpo.app.common.http.SpaResources;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * The query executable's entry point: provisions the bootstrap tenant and key, then serves the
 * query, admin and audit routes plus {@code /health}, {@code /ready} and {@code /metrics} on one
 * Undertow routing handler.
 */
public final class QueryApp implements AutoCloseable {
  /** The routes {@link HealthRoutes} adds, all GET. */
  private static final List<String> OPERATIONAL_ROUTES = List.of("/health", "/ready", "/metrics");

  private final OvpoConfig config;
  private final QueryRoutes routes;
  private final HealthRoutes health;
  private final ErrorBodyWriter errors;
  private final MetricsRecorder metrics;
  private final BootstrapUseCase bootstrap;
  private final Backends backends;

  @Inject
  QueryApp(
      OvpoConfig config,
      QueryRoutes routes,
      HealthRoutes health,
      ErrorBodyWriter errors,
      MetricsRecorder metrics,
      BootstrapUseCase bootstrap,
      Backends backends) {
    this.config = config;
    this.routes = routes;
    this.health = health;
    this.errors = errors;
    this.metrics = metrics;
    this.bootstrap = bootstrap;
    this.backends = backends;
  }

  /**
   * Makes sure the bootstrap tenant exists with a super_admin key (spec 06 §7).
   *
   * @return the generated key when one was generated: print it once, never log it
   */
  public Optional<String> bootstrap() {
    return bootstrap.ensure(
        TenantId.of(config.string(Setting.BOOTSTRAP_TENANT)),
        config.optional(Setting.BOOTSTRAP_API_KEY),
        config.string(Setting.BOOTSTRAP_TIER));
  }

  /** Every route of this app, with JSON 404 and 405 (with {@code Allow}) answers for the rest. */
  public RoutingHandler routing() {
    RoutingHandler routing = routes.addTo(health.addTo(Routes.routing()));
    // The web UI (when packed into this jar) answers GET/HEAD outside /v1; the rest stays 404.
    routing.setFallbackHandler(SpaResources.packaged(routing.getFallbackHandler()));
    Map<String, Set<String>> methods = new LinkedHashMap<>(routes.methodsByTemplate());
    for (String operational : OPERATIONAL_ROUTES) {
      methods.put(operational, Set.of(Methods.GET_STRING));
    }
    return RouteFallbacks.withAllowHeader(routing, methods);
  }

  /** Starts listening on {@code OVPO_BIND_HOST}:{@code OVPO_PORT} (0 picks a free port). */
  public OvpoHttpServer start() {
    return OvpoHttpServer.start(
        config.string(Setting.BIND_HOST), config.port(), routing(), errors, metrics);
  }

  /** Closes the backends this process opened. */
  @Override
  public void close() {
    backends.close();
  }
}
