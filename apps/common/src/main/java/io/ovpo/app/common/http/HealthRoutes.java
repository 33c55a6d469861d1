package io.ovpo.app.common.http;

import io.ovpo.app.common.metrics.PrometheusMetrics;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.util.List;
import javax.inject.Inject;

/**
 * The operational routes every OVPO app serves (spec 05 §9): {@code GET /health} (the process is
 * alive), {@code GET /ready} (every backend reachable; 503 when one is not) and {@code GET
 * /metrics} (Prometheus text format 0.0.4).
 */
public final class HealthRoutes {
  /** Content type of the Prometheus text exposition format. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Backends backends;
  private final PrometheusMetrics metrics;

  @Inject
  public HealthRoutes(Backends backends, PrometheusMetrics metrics) {
    this.backends = backends;
    this.metrics = metrics;
  }

  /** Adds the three routes to {@code routing} and returns it. */
  public RoutingHandler addTo(RoutingHandler routing) {
    return routing
        .get("/health", this::health)
        .get("/ready", this::ready)
        .get("/metrics", this::metrics);
  }

  private void health(HttpServerExchange ex) {
    Exchanges.sendJson(ex, 200, ModelWriter.toBytes(ModelWriter.alive()));
  }

  private void ready(HttpServerExchange ex) {
    List<HealthStatus> checks = backends.health();
    boolean up = checks.stream().allMatch(HealthStatus::up);
    Exchanges.sendJson(ex, up ? 200 : 503, ModelWriter.toBytes(ModelWriter.ready(checks)));
  }

  private void metrics(HttpServerExchange ex) {
    Exchanges.sendText(ex, 200, PROMETHEUS_TEXT, metrics.scrape());
  }
}
