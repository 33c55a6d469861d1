package io.ovpo.app.common.http;

import io.ovpo.ports.model.RateDecision;
import io.undertow.server.HttpServerExchange;

/** The X-RateLimit-* headers of spec 02 §7.3 (reset as epoch seconds, rounded up). */
public final class RateLimitHeaders {
  private RateLimitHeaders() {}

  public static void apply(HttpServerExchange ex, RateDecision d) {
    Exchanges.setHeader(ex, "X-RateLimit-Limit", Long.toString(d.limit()));
    Exchanges.setHeader(ex, "X-RateLimit-Remaining", Long.toString(d.remaining()));
    long reset = d.resetAt().getEpochSecond() + (d.resetAt().getNano() > 0 ? 1 : 0);
    Exchanges.setHeader(ex, "X-RateLimit-Reset", Long.toString(reset));
  }
}
