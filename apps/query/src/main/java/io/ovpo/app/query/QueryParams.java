package io.ovpo.app.query;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The query string of one request, checked against the parameters its endpoint knows (spec 05 §1):
 * any other parameter is a 400 {@code INVALID_PARAMETER} naming it, {@code tenant_id} and {@code
 * offset} included, because the tenant comes from the API key and lists page only by cursor. Path
 * parameters are read from the matched template, never from the query string.
 */
final class QueryParams {
  private final Map<String, Deque<String>> query;
  private final Map<String, String> path;

  private QueryParams(Map<String, Deque<String>> query, Map<String, String> path) {
    this.query = query;
    this.path = path;
  }

  /** The request's parameters; refuses any query parameter not in {@code allowed}. */
  static QueryParams of(HttpServerExchange ex, Set<String> allowed) {
    PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    Map<String, String> path = match == null ? Map.of() : match.getParameters();
    Map<String, Deque<String>> query = new LinkedHashMap<>();
    ex.getQueryParameters()
        .forEach(
            (name, values) -> {
              Deque<String> own = new ArrayDeque<>(values);
              // Undertow's router adds path parameters to the query map; take them out again.
              if (path.containsKey(name)) {
                own.removeFirstOccurrence(path.get(name));
              }
              if (!own.isEmpty()) {
                query.put(name, own);
              }
            });
    for (String name : query.keySet()) {
      if (!allowed.contains(name)) {
        throw unknown(name);
      }
    }
    return new QueryParams(query, path);
  }

  private static OvpoException unknown(String name) {
    if (name.equals("offset")) {
      return invalid("parameter 'offset' is not supported: page with 'cursor'");
    }
    if (name.equals("tenant_id")) {
      return invalid("parameter 'tenant_id' is not accepted: the tenant is the API key's");
    }
    return invalid("unknown parameter '" + truncate(name) + "'");
  }

  /** A path template parameter ({@code {trace_id}}). */
  String path(String name) {
    String v = path.get(name);
    if (v == null || v.isEmpty()) {
      throw invalid("missing path parameter '" + name + "'");
    }
    return v;
  }

  /** The single value of a parameter; empty when absent or blank; a repeated one is a 400. */
  Optional<String> single(String name) {
    Deque<String> values = query.get(name);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw invalid("parameter '" + name + "' must not repeat");
    }
    String v = values.getFirst();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Every value of a repeatable parameter, in order. */
  List<String> all(String name) {
    Deque<String> values = query.get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** A whole number from {@code min} to {@code max}. */
  OptionalInt integer(String name, int min, int max) {
    Optional<String> v = single(name);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    String s = v.get();
    long n;
    try {
      n = s.length() > 12 ? Long.MAX_VALUE : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw invalid("parameter '" + name + "' must be a whole number");
    }
    if (n < min || n > max) {
      throw invalid("parameter '" + name + "' must be between " + min + " and " + max);
    }
    return OptionalInt.of((int) n);
  }

  /** An RFC 3339 date-time, in UTC, cut to milliseconds (spec 05 §1.1). */
  Optional<Instant> time(String name) {
    return single(name).map(v -> Rfc3339.parse(name, v));
  }

  /**
   * An opaque cursor. Present but empty is a malformed cursor ({@code INVALID_CURSOR}), not a
   * missing one: a client that sends {@code cursor=} has lost its place.
   */
  Optional<String> cursor(String name) {
    Deque<String> values = query.get(name);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() > 1 || values.getFirst().isEmpty()) {
      throw new OvpoException(ErrorCode.INVALID_CURSOR, "parameter '" + name + "' is malformed");
    }
    return Optional.of(values.getFirst());
  }

  static OvpoException invalid(String message) {
    return new OvpoException(ErrorCode.INVALID_PARAMETER, message);
  }

  /** Parameter names come from the client; keep what we echo short. */
  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
