package io.ovpo.app.common.http;

import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Outermost handler: assigns the request id, echoes it in the response, and when the exchange
 * completes records {@code http_requests_total{route,method,status}}, {@code
 * http_request_duration_seconds{route,method}} (spec 05 §9.3) and one structured log line
 * (request_id, tenant_id, method, route, status, duration). Never logs headers or bodies, so API
 * keys cannot leak into logs.
 */
public final class AccessLogHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger("io.ovpo.access");
  // Clients may send any token as a method; labels must stay bounded (spec 05 §9.3).
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private final HttpHandler next;
  private final MetricsRecorder metrics;

  public AccessLogHandler(HttpHandler next, MetricsRecorder metrics) {
    this.next = next;
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    long start = System.nanoTime();
    String requestId = RequestIds.of(ex);
    Exchanges.setHeader(ex, RequestIds.HEADER, requestId);
    ex.addExchangeCompleteListener(
        (done, nextListener) -> {
          try {
            record(done, requestId, (System.nanoTime() - start) / 1e9);
          } finally {
            nextListener.proceed();
          }
        });
    next.handleRequest(ex);
  }

  private void record(HttpServerExchange ex, String requestId, double seconds) {
    PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    String route = match == null ? "unmatched" : match.getMatchedTemplate();
    String code = Integer.toString(ex.getStatusCode());
    String method = ex.getRequestMethod().toString();
    String methodLabel = METHODS.contains(method) ? method : "other";
    metrics.increment(
        "http_requests_total", 1, "route", route, "method", methodLabel, "status", code);
    metrics.observe(
        "http_request_duration_seconds", seconds, "route", route, "method", methodLabel);
    MDC.put("request_id", requestId);
    TenantTag.get(ex).ifPresent(t -> MDC.put("tenant_id", t));
    try {
      if (LOG.isInfoEnabled()) {
        LOG.info(
            "{} {} {} {}ms",
            ex.getRequestMethod(),
            route,
            code,
            String.format(java.util.Locale.ROOT, "%.1f", seconds * 1000));
      }
    } finally {
      MDC.remove("request_id");
      MDC.remove("tenant_id");
    }
  }
}
