package io.ovpo.app.common.http;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.RateLimitedException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to the JSON error body, most specific first: rate limiting (429
 * + Retry-After), domain errors (their code's status), invalid values (400), unavailable backends
 * (503), anything else (500, logged with the request id, no detail to the client).
 */
public final class ErrorMappingHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMappingHandler.class);
  private final HttpHandler next;
  private final ErrorBodyWriter bodies;

  public ErrorMappingHandler(HttpHandler next, ErrorBodyWriter bodies) {
    this.next = next;
    this.bodies = bodies;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    try {
      next.handleRequest(ex);
    } catch (Exception e) {
      handle(ex, e);
    }
  }

  /** Writes the error response for {@code e}; public for handlers that finish asynchronously. */
  public void handle(HttpServerExchange ex, Throwable e) {
    if (ex.isResponseStarted()) {
      LOG.warn("failure after the response started (request {})", RequestIds.of(ex), e);
      ex.endExchange();
      return;
    }
    String requestId = RequestIds.of(ex);
    if (e instanceof RateLimitedException r) {
      RateLimitHeaders.apply(ex, r.decision());
      Exchanges.setHeader(ex, "Retry-After", Long.toString(r.decision().retryAfterSeconds()));
      send(
          ex,
          ErrorCode.RATE_LIMITED,
          e.getMessage(),
          requestId,
          OptionalLong.of(r.decision().retryAfterSeconds()));
    } else if (e instanceof OvpoException o) {
      send(ex, o.code(), o.getMessage(), requestId, OptionalLong.empty());
    } else if (e instanceof InvalidValueException iv) {
      send(ex, ErrorCode.INVALID_PARAMETER, iv.getMessage(), requestId, OptionalLong.empty());
    } else if (e instanceof StoreUnavailableException su) {
      LOG.warn("backend unavailable (request {}): {}", requestId, su.getMessage());
      send(
          ex,
          ErrorCode.UNAVAILABLE,
          "a backend is temporarily unavailable; retry later",
          requestId,
          OptionalLong.empty());
    } else {
      LOG.error("unexpected failure (request {})", requestId, e);
      send(
          ex,
          ErrorCode.INTERNAL,
          "internal error; quote request_id " + requestId,
          requestId,
          OptionalLong.empty());
    }
  }

  private void send(
      HttpServerExchange ex,
      ErrorCode code,
      String message,
      String requestId,
      OptionalLong retryAfter) {
    if (code.httpStatus() == 503 && !ex.getResponseHeaders().contains("Retry-After")) {
      // spec 09: a 503 SHOULD tell clients when to come back; backends usually recover quickly
      Exchanges.setHeader(ex, "Retry-After", "1");
    }
    Exchanges.sendJson(ex, code.httpStatus(), bodies.write(code, message, requestId, retryAfter));
  }
}
