package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.http.Query;
import io.ovpo.wire.WireJson;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cursor paging of {@code {"data", "has_more", "next_cursor"}} lists ({@code /v1/traces}, {@code
 * /v1/audit}): one page, or with {@code --all} every page, merged into one answer of the same
 * shape.
 */
final class Pages {
  /** Pages fetched at most with --all, a guard against a server that never stops. */
  static final int MAX_PAGES = 100_000;

  private Pages() {}

  /**
   * @param query builds the query of a page, without the cursor
   * @param cursor the first page's cursor, if any
   * @param all follow next_cursor until has_more is false
   */
  static ObjectNode fetch(
      ApiClient client, String path, Supplier<Query> query, Optional<String> cursor, boolean all) {
    JsonNode page = client.get(path, query.get().add("cursor", cursor));
    if (!all) {
      return (ObjectNode) page;
    }
    ObjectNode merged = WireJson.object();
    ArrayNode data = merged.putArray("data");
    for (int n = 1; ; n++) {
      page.path("data").forEach(data::add);
      if (!page.path("has_more").asBoolean(false)
          || !page.path("next_cursor").isTextual()
          || n >= MAX_PAGES) {
        break;
      }
      page = client.get(path, query.get().add("cursor", page.path("next_cursor").asText()));
    }
    merged.put("has_more", false);
    merged.putNull("next_cursor");
    return merged;
  }
}
