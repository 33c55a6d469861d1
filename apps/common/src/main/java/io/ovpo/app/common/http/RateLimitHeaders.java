package io.ovpo.app.common.http;

import io.ovpo.ports.model.RateDecision;
import io.undertow.server.HttpServerExchange;

/** The X-RateLimit-* headers of spec 02 (reset as epoch seconds). */
public final class RateLimitHeaders {
  private RateLimitHeaders() {}

  public static void apply(HttpServerExchange ex, RateDecision d) {
    Exchanges.setHeader(ex, "X-RateLimit-Limit", Long.toString(d.limit()));
    Exchanges.setHeader(ex, "X-RateLimit-Remaining", Long.toString(d.remaining()));
    Exchanges.setHeader(ex, "X-RateLimit-Reset", Long.toString(d.resetAt().getEpochSecond()));
  }
}
