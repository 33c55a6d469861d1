package io.ovpo.app.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A query string built parameter by parameter; a parameter may repeat ({@code tag}). */
public final class Query {
  private final List<String> pairs = new ArrayList<>();

  /** An empty query. */
  public static Query create() {
    return new Query();
  }

  /** Adds {@code name=value}. */
  public Query add(String name, String value) {
    pairs.add(encode(name) + "=" + encode(value));
    return this;
  }

  /** Adds the parameter when the value is present. */
  public Query add(String name, Optional<String> value) {
    value.ifPresent(v -> add(name, v));
    return this;
  }

  /** Adds the parameter once per value. */
  public Query addEach(String name, Collection<String> values) {
    values.forEach(v -> add(name, v));
    return this;
  }

  /** {@code ?a=1&b=2}, or "" when empty. */
  public String toQueryString() {
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  @Override
  public String toString() {
    return toQueryString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
