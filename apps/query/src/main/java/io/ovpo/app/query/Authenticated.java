package io.ovpo.app.query;

import io.ovpo.app.common.http.Exchanges;
import io.ovpo.app.common.http.RateLimitHeaders;
import io.ovpo.app.common.http.RequestIds;
import io.ovpo.app.common.http.TenantTag;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.RateLimitedException;
import io.ovpo.ports.in.AuthenticateUseCase;
import io.ovpo.ports.in.RateLimitUseCase;
import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.server.HttpServerExchange;
import javax.inject.Inject;

/**
 * The checks every {@code /v1} query and admin request passes, in the order of spec 09 §3:
 * authentication (401 with {@code WWW-Authenticate}), the tenant's {@code query} rate-limit bucket
 * (429; the X-RateLimit-* headers on every answer), then the endpoint's permission (403). The
 * tenant is the key's and nothing else.
 */
final class Authenticated {
  static final String USER_AGENT = "User-Agent";

  private final AuthenticateUseCase auth;
  private final RateLimitUseCase rates;
  private final MetricsRecorder metrics;

  @Inject
  Authenticated(AuthenticateUseCase auth, RateLimitUseCase rates, MetricsRecorder metrics) {
    this.auth = auth;
    this.rates = rates;
    this.metrics = metrics;
  }

  /** The caller, once authenticated, admitted by the rate limiter and allowed {@code needed}. */
  Principal require(HttpServerExchange ex, Permission needed) {
    Principal principal;
    try {
      principal = auth.authenticate(Exchanges.header(ex, "Authorization"));
    } catch (OvpoException e) {
      if (e.code() == ErrorCode.UNAUTHENTICATED) {
        Exchanges.setHeader(ex, "WWW-Authenticate", "Bearer realm=\"ovpo\"");
      }
      throw e;
    }
    TenantTag.set(ex, principal.tenantId().value());
    try {
      RateLimitHeaders.apply(ex, rates.admit(principal, RateScope.QUERY));
    } catch (RateLimitedException e) {
      metrics.increment("rate_limited_total", 1, "scope", RateScope.QUERY.key());
      throw e;
    }
    auth.authorize(principal, needed);
    return principal;
  }

  /** Who asked and from where, for the audit trail (the peer address; proxies are not trusted). */
  static RequestContext context(HttpServerExchange ex) {
    return new RequestContext(
        RequestIds.of(ex), Exchanges.clientIp(ex), Exchanges.header(ex, USER_AGENT));
  }
}
