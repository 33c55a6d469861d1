package io.ovpo.app.query;

import io.ovpo.app.common.http.Exchanges;
import io.undertow.server.HttpServerExchange;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Conditional requests (spec 05 §8): a strong ETag of the first 32 hex characters of the body's
 * SHA-256, and 304 without a body when {@code If-None-Match} lists it or {@code *}.
 */
final class ETags {
  private ETags() {}

  /** Sends {@code body} (200) or a 304, with the ETag and {@code private, no-cache}. */
  static void sendConditional(HttpServerExchange ex, byte[] body) {
    String etag = of(body);
    Exchanges.setHeader(ex, "ETag", etag);
    Exchanges.setHeader(ex, "Cache-Control", "private, no-cache");
    if (matches(Exchanges.header(ex, "If-None-Match").orElse(""), etag)) {
      ex.setStatusCode(304);
      ex.endExchange();
      return;
    }
    Exchanges.sendJson(ex, 200, body);
  }

  static String of(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest).substring(0, 32) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter. */
  static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
