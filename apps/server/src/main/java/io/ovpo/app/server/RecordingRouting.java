package io.ovpo.app.server;

import io.undertow.predicate.Predicate;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link RoutingHandler} that remembers what was registered on it, so the server can list its own
 * routes (Undertow keeps its table private). Every registration of {@code RoutingHandler} ends in
 * one of the two {@code add(HttpString, ...)} overloads, which are the ones recorded here.
 */
final class RecordingRouting extends RoutingHandler {
  private final List<Route> routes = new ArrayList<>();

  @Override
  public synchronized RoutingHandler add(HttpString method, String template, HttpHandler handler) {
    routes.add(new Route(method.toString(), template));
    return super.add(method, template, handler);
  }

  @Override
  public synchronized RoutingHandler add(
      HttpString method, String template, Predicate predicate, HttpHandler handler) {
    routes.add(new Route(method.toString(), template));
    return super.add(method, template, predicate, handler);
  }

  /** Every route, in registration order, each once. */
  synchronized List<Route> routes() {
    return List.copyOf(new LinkedHashSet<>(routes));
  }

  /** Template → methods, for the {@code Allow} header of 405 answers. */
  synchronized Map<String, Set<String>> methodsByTemplate() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Route r : routes) {
      out.computeIfAbsent(r.template(), t -> new TreeSet<>()).add(r.method());
    }
    return out;
  }
}
