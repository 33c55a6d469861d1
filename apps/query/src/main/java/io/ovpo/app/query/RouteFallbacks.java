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
 * The {@code Allow} header of a 405 answer (spec 05 §1 rule 5: a known path with another method
 * answers 405 {@code METHOD_NOT_ALLOWED} with {@code Allow}). Undertow's router knows that a path
 * exists but not which methods it takes, so the routes' templates are matched once more here.
 */
public final class RouteFallbacks {
  private RouteFallbacks() {}

  /**
   * Sets {@code routing}'s invalid-method handler to a JSON 405 carrying {@code Allow}.
   *
   * @param methodsByTemplate every template routed, with its methods (merge the maps of all the
   *     route sets added to {@code routing})
   * @return {@code routing}
   */
  public static RoutingHandler withAllowHeader(
      RoutingHandler routing, Map<String, Set<String>> methodsByTemplate) {
    return routing.setInvalidMethodHandler(methodNotAllowed(methodsByTemplate));
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
          ErrorCode.METHOD_NOT_ALLOWED, "this route does not accept " + ex.getRequestMethod());
    };
  }
}
