package io.ovpo.app.query;

import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;

/**
 * Every route of the query API, the admin API and the audit trail (spec 05-07), for any Undertow
 * {@link RoutingHandler}: the query app's own server and the all-in-one server both call {@link
 * #addTo}. Each route's handling time is recorded as {@code query_latency_seconds{route}}.
 */
public final class QueryRoutes {
  private record Route(String method, String template, HttpHandler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final MetricsRecorder metrics;

  @Inject
  public QueryRoutes(
      TracesHandler traces,
      AnalyticsHandler analytics,
      FrameAnalyticsHandler frames,
      TenantsHandler tenants,
      ApiKeysHandler keys,
      LegalHoldHandler legalHold,
      DeletionsHandler deletions,
      RetentionHandler retention,
      AuditHandler audit,
      ArtifactsHandler artifacts,
      MetricsRecorder metrics) {
    this.metrics = metrics;
    get("/v1/traces", traces::list);
    get("/v1/traces/{trace_id}", traces::detail);
    get("/v1/analytics/bottlenecks", analytics::bottlenecks);
    get("/v1/analytics/costs/calculate", analytics::costs);
    get("/v1/analytics/timeseries", analytics::timeseries);
    get("/v1/analytics/frames/timeseries", frames::series);
    get("/v1/traces/{trace_id}/frames/timeline", frames::timeline);
    post("/v1/artifacts/signed-url", artifacts::signedUrl);
    get("/v1/artifacts/download", artifacts::download);
    post("/v1/admin/tenants", tenants::create);
    get("/v1/admin/tenants", tenants::list);
    get("/v1/admin/tenants/{tenant_id}", tenants::get);
    put("/v1/admin/tenants/{tenant_id}/config", tenants::updateConfig);
    get("/v1/admin/tenants/{tenant_id}/api-keys", keys::listOfTenant);
    post("/v1/admin/api-keys", keys::create);
    get("/v1/admin/api-keys", keys::list);
    delete("/v1/admin/api-keys/{key_id}", keys::revoke);
    put("/v1/admin/traces/{trace_id}/legal-hold", legalHold::put);
    delete("/v1/admin/tenants/{tenant_id}/users/{user_id_hash}", deletions::deleteUser);
    get("/v1/admin/deletions/{deletion_id}", deletions::get);
    post("/v1/admin/retention/run", retention::run);
    get("/v1/audit", audit::list);
    get("/v1/audit/verify", audit::verify);
  }

  /** Adds every route to {@code routing} and returns it. */
  public RoutingHandler addTo(RoutingHandler routing) {
    for (Route r : routes) {
      routing.add(r.method(), r.template(), r.handler());
    }
    return routing;
  }

  /**
   * Route templates with their methods ({@code /v1/traces} → {@code [GET]}), for the {@code Allow}
   * header of a 405 answer (see {@link RouteFallbacks}).
   */
  public Map<String, Set<String>> methodsByTemplate() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Route r : routes) {
      out.computeIfAbsent(r.template(), t -> new TreeSet<>()).add(r.method());
    }
    out.replaceAll((t, m) -> Collections.unmodifiableSet(m));
    return Collections.unmodifiableMap(out);
  }

  private void get(String template, Handler handler) {
    add(Methods.GET_STRING, template, handler);
  }

  private void post(String template, Handler handler) {
    add(Methods.POST_STRING, template, handler);
  }

  private void put(String template, Handler handler) {
    add(Methods.PUT_STRING, template, handler);
  }

  private void delete(String template, Handler handler) {
    add(Methods.DELETE_STRING, template, handler);
  }

  private void add(String method, String template, Handler handler) {
    routes.add(
        new Route(
            method,
            template,
            ex -> {
              long start = System.nanoTime();
              try {
                handler.handle(ex);
              } finally {
                metrics.observe(
                    "query_latency_seconds", (System.nanoTime() - start) / 1e9, "route", template);
              }
            }));
  }

  /** A handler method that throws only unchecked exceptions. */
  @FunctionalInterface
  private interface Handler {
    void handle(HttpServerExchange ex);
  }
}
