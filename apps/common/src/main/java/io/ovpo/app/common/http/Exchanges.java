package io.ovpo.app.common.http;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Small, allocation-light helpers over Undertow's exchange: parameters, headers, responses. */
public final class Exchanges {
  public static final String JSON = "application/json";

  private Exchanges() {}

  /** The single value of a query parameter; a repeated one is a 400. */
  public static Optional<String> param(HttpServerExchange ex, String name) {
    Deque<String> values = ex.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new OvpoException(
          ErrorCode.INVALID_PARAMETER, "parameter '" + name + "' must not repeat");
    }
    String v = values.getFirst();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Every value of a repeatable query parameter, in order. */
  public static List<String> params(HttpServerExchange ex, String name) {
    Deque<String> values = ex.getQueryParameters().get(name);
    return values == null ? List.of() : new ArrayList<>(values);
  }

  public static OptionalInt intParam(HttpServerExchange ex, String name, int min, int max) {
    Optional<String> v = param(ex, name);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new OvpoException(
            ErrorCode.INVALID_PARAMETER,
            "parameter '" + name + "' must be between " + min + " and " + max);
      }
      return OptionalInt.of(n);
    } catch (NumberFormatException e) {
      throw new OvpoException(
          ErrorCode.INVALID_PARAMETER, "parameter '" + name + "' must be a whole number");
    }
  }

  /** A path template parameter ({@code /v1/traces/{trace_id}}). */
  public static String pathParam(HttpServerExchange ex, String name) {
    return param(ex, name)
        .orElseThrow(() -> new OvpoException(ErrorCode.INVALID_PARAMETER, "missing " + name));
  }

  public static Optional<String> header(HttpServerExchange ex, String name) {
    return Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
  }

  /** The peer address (proxies are not trusted for audit records unless configured). */
  public static Optional<String> clientIp(HttpServerExchange ex) {
    InetSocketAddress a = ex.getSourceAddress();
    return a == null || a.getAddress() == null
        ? Optional.empty()
        : Optional.of(a.getAddress().getHostAddress());
  }

  public static void sendJson(HttpServerExchange ex, int status, byte[] body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    ex.getResponseSender().send(ByteBuffer.wrap(body));
  }

  public static void sendText(HttpServerExchange ex, int status, String contentType, String body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseSender().send(body);
  }

  public static void setHeader(HttpServerExchange ex, String name, String value) {
    ex.getResponseHeaders().put(HttpString.tryFromString(name), value);
  }
}
