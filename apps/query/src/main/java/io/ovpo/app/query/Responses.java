package io.ovpo.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.common.http.Exchanges;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;

/** JSON answers of the query app. */
final class Responses {
  static final String NO_STORE = "no-store";

  private Responses() {}

  static void json(HttpServerExchange ex, int status, JsonNode body) {
    Exchanges.sendJson(ex, status, ModelWriter.toBytes(body));
  }

  /** For answers that carry a secret or a capability (a new key, a signed link). */
  static void jsonNoStore(HttpServerExchange ex, int status, JsonNode body) {
    Exchanges.setHeader(ex, "Cache-Control", NO_STORE);
    json(ex, status, body);
  }

  static void noContent(HttpServerExchange ex) {
    ex.setStatusCode(204);
    ex.endExchange();
  }
}
