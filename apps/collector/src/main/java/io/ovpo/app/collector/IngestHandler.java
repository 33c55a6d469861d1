package io.ovpo.app.collector;

import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.http.Exchanges;
import io.ovpo.app.common.http.RateLimitHeaders;
import io.ovpo.app.common.http.RequestIds;
import io.ovpo.app.common.http.TenantTag;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.RateLimitedException;
import io.ovpo.ports.in.AuthenticateUseCase;
import io.ovpo.ports.in.IngestBatchUseCase;
import io.ovpo.ports.in.IngestCommand;
import io.ovpo.ports.in.RateLimitUseCase;
import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import javax.inject.Inject;
import org.slf4j.MDC;

/**
 * {@code POST /v1/ingest/batch}, with the checks in the order of spec 02 §2: method (405),
 * authentication (401, or 429 from the client-address bucket), the tenant's rate limit (429),
 * permission trace:write (403), then {@link IngestRequestParser} (415, 400, 413), then {@link
 * IngestBatchUseCase} (idempotency, per-item rules, publishing). Every answer carries the
 * X-RateLimit-* headers of the bucket the request drew from; failures are thrown to the server's
 * error mapping, except 409 and 503, which need a Retry-After only this endpoint gives them.
 */
public final class IngestHandler implements HttpHandler {
  /** Seconds a client waits before retrying a 409 (spec 02 §4 rule 7) or a 503. */
  static final long RETRY_AFTER_SECONDS = 1;

  private final AuthenticateUseCase auth;
  private final RateLimitUseCase rateLimits;
  private final ClientAddressLimiter addresses;
  private final IngestRequestParser parser;
  private final IngestBatchUseCase ingest;
  private final ErrorBodyWriter errors;
  private final ReceiptMetrics receiptMetrics;
  private final MetricsRecorder metrics;
  private final Clock clock;

  @Inject
  public IngestHandler(
      AuthenticateUseCase auth,
      RateLimitUseCase rateLimits,
      ClientAddressLimiter addresses,
      IngestRequestParser parser,
      IngestBatchUseCase ingest,
      ErrorBodyWriter errors,
      MetricsRecorder metrics,
      Clock clock) {
    this.auth = auth;
    this.rateLimits = rateLimits;
    this.addresses = addresses;
    this.parser = parser;
    this.ingest = ingest;
    this.errors = errors;
    this.receiptMetrics = new ReceiptMetrics(metrics);
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Instant receivedAt = clock.instant();
    String requestId = RequestIds.of(ex);
    String address = Exchanges.clientIp(ex).orElse("unknown");
    if (!Methods.POST.equals(ex.getRequestMethod())) {
      RateLimitHeaders.apply(ex, addresses.peek(address));
      Exchanges.setHeader(ex, "Allow", "POST");
      throw new OvpoException(ErrorCode.METHOD_NOT_ALLOWED, "/v1/ingest/batch accepts POST only");
    }
    Principal principal = authenticate(ex, address);
    TenantTag.set(ex, principal.tenantId().value());
    MDC.put("request_id", requestId);
    MDC.put("tenant_id", principal.tenantId().value());
    try {
      RateLimitHeaders.apply(ex, admit(principal));
      auth.authorize(principal, Permission.TRACE_WRITE);
      IngestRequest request = parser.parse(ex);
      IngestCommand command =
          new IngestCommand(
              principal,
              new RequestContext(requestId, Optional.of(address), userAgent(ex)),
              receivedAt,
              request.idempotencyKey(),
              request.batch().bodySha256(),
              request.batch().items());
      IngestReceipt receipt = ingest.ingest(command);
      if (!receipt.duplicate()) {
        receiptMetrics.record(request.batch(), receipt);
      }
      Exchanges.sendJson(
          ex, receipt.httpStatus(), ModelWriter.toBytes(ModelWriter.receipt(receipt)));
    } catch (OvpoException e) {
      if (e.code() != ErrorCode.CONFLICT && e.code() != ErrorCode.QUEUE_UNAVAILABLE) {
        throw e;
      }
      sendRetryable(ex, e, requestId);
    } finally {
      MDC.remove("request_id");
      MDC.remove("tenant_id");
    }
  }

  /** Check 2; a refused key draws from the client address's bucket (429 when it is empty). */
  private Principal authenticate(HttpServerExchange ex, String address) {
    try {
      return auth.authenticate(
          Optional.ofNullable(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION)));
    } catch (OvpoException e) {
      if (e.code() != ErrorCode.UNAUTHENTICATED) {
        throw e;
      }
      RateDecision d = addresses.acquire(address);
      if (!d.allowed()) {
        metrics.increment("rate_limited_total", 1, "scope", ClientAddressLimiter.SCOPE);
        throw new RateLimitedException(d);
      }
      RateLimitHeaders.apply(ex, d);
      Exchanges.setHeader(ex, "WWW-Authenticate", "Bearer realm=\"ovpo\"");
      throw e;
    }
  }

  /** Check 3: one token of the tenant's ingest bucket, whatever the request's outcome. */
  private RateDecision admit(Principal principal) {
    try {
      return rateLimits.admit(principal, RateScope.INGEST);
    } catch (RateLimitedException e) {
      metrics.increment("rate_limited_total", 1, "scope", RateScope.INGEST.key());
      throw e;
    }
  }

  private void sendRetryable(HttpServerExchange ex, OvpoException e, String requestId) {
    Exchanges.setHeader(ex, "Retry-After", Long.toString(RETRY_AFTER_SECONDS));
    Exchanges.sendJson(
        ex,
        e.code().httpStatus(),
        errors.write(e.code(), e.getMessage(), requestId, OptionalLong.of(RETRY_AFTER_SECONDS)));
  }

  private static Optional<String> userAgent(HttpServerExchange ex) {
    return Optional.ofNullable(ex.getRequestHeaders().getFirst(Headers.USER_AGENT));
  }
}
