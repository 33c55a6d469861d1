package io.ovpo.app.server;

import java.util.Objects;

/**
 * One route of the server's routing table: an HTTP method and an Undertow path template ({@code
 * /v1/traces/{trace_id}}), as registered. The OpenAPI conformance test compares this table with
 * {@code spec/v0.08/openapi.yaml}.
 */
public record Route(String method, String template) implements Comparable<Route> {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "template");
  }

  @Override
  public int compareTo(Route o) {
    int c = template.compareTo(o.template);
    return c != 0 ? c : method.compareTo(o.method);
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
