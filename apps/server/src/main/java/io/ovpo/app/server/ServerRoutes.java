package io.ovpo.app.server;

import io.ovpo.app.collector.CollectorRoutes;
import io.ovpo.app.common.http.HealthRoutes;
import io.ovpo.app.common.http.Routes;
import io.ovpo.app.common.http.SpaResources;
import io.ovpo.app.query.QueryRoutes;
import io.ovpo.app.query.RouteFallbacks;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * The all-in-one server's single routing table: the collector's ingest route, every query, admin,
 * audit and artifact route, and {@code /health}, {@code /ready}, {@code /metrics} — registered by
 * the same route classes the split apps use. Unknown paths answer 404 and known paths with another
 * method 405 with {@code Allow}, both as the JSON error body.
 */
public final class ServerRoutes {
  private final CollectorRoutes collector;
  private final QueryRoutes query;
  private final HealthRoutes health;

  @Inject
  public ServerRoutes(CollectorRoutes collector, QueryRoutes query, HealthRoutes health) {
    this.collector = collector;
    this.query = query;
    this.health = health;
  }

  /** A new routing handler holding every route. */
  RecordingRouting build() {
    RecordingRouting routing = new RecordingRouting();
    // The web UI answers GET/HEAD outside /v1 (SPA fallback); the rest stays a JSON 404.
    routing.setFallbackHandler(SpaResources.packaged(Routes.routing().getFallbackHandler()));
    collector.addTo(routing);
    query.addTo(routing);
    health.addTo(routing);
    Map<String, Set<String>> allow = routing.methodsByTemplate();
    // The collector routes other methods of its path to its handler only to answer them 405.
    allow.put(CollectorRoutes.INGEST_PATH, Set.of("POST"));
    RouteFallbacks.withAllowHeader(routing, allow);
    return routing;
  }
}
