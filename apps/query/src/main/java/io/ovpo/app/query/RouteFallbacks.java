package io.ovpo.app.query;

import io.ovpo.app.common.http.Exchanges;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.PathTemplateMatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers for requests no route takes (spec 05 §1 rule 5): an unknown path is 404 {@code
 * NOT_FOUND}; a known path with another method is 405 {@code METHOD_NOT_ALLOWED} with an {@code
 * Allow} header listing the path's methods. Both go through the app's error mapping, so they carry
 * the usual JSON error body.
 */
public final class RouteFallbacks {
  private RouteFallbacks() {}

  /**
   * Sets {@code routing}'s fallback and invalid-method handlers.
   *
   * @param methodsByTemplate every template routed, with its methods (merge the maps of all route
   *     sets in the routing handler)
   */
  public static void install(RoutingHandler routing, Map<String, Set<String>> methodsByTemplate) {
    routing.setFallbackHandler(notFound());
    routing.setInvalidMethodHandler(methodNotAllowed(methodsByTemplate));
  }

  static HttpHandler notFound() {
    return ex -> {
      throw new OvpoException(ErrorCode.NOT_FOUND, "no such resource");
    };
  }

  static HttpHandler methodNotAllowed(Map<String, Set<String>> methodsByTemplate) {
    Map<String, Set<String>> merged = new LinkedHashMap<>();
    methodsByTemplate.forEach((t, m) -> merged.computeIfAbsent(t, k -> new TreeSet<>()).addAll(m));
    PathTemplateMatcher<Set<String>> matcher = new PathTemplateMatcher<>();
    merged.forEach(matcher::add);
    return ex -> {
      PathTemplateMatcher.PathMatchResult<Set<String>> match = matcher.match(ex.getRelativePath());
      if (match != null) {
        Exchanges.setHeader(ex, "Allow", String.join(", ", match.getValue()));
      }
      throw new OvpoException(
          ErrorCode.METHOD_NOT_ALLOWED, "method " + ex.getRequestMethod() + " is not allowed here");
    };
  }
}
