package io.ovpo.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders docs/api.md from spec/v0.08/openapi.yaml: an endpoint table, then each operation. */
final class ApiDoc {
  private ApiDoc() {}

  static String render(OpenApiDocument doc) {
    List<String> l = new ArrayList<>();
    l.add("# API reference");
    l.add("");
    l.add(
        "<!-- Generated from spec/v0.08/openapi.yaml by ApiDocTest (apps/server). Do not edit by");
    l.add("     hand: change the OpenAPI document, then run");
    l.add(
        "     mvn -pl apps/server -am test -Dtest=ApiDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dovpo.docs.update=true -->");
    l.add("");
    l.add("The HTTP API of OVPO " + doc.root().path("info").path("version").asText() + ", from");
    l.add("[`spec/v0.08/openapi.yaml`](../spec/v0.08/openapi.yaml) (OpenAPI 3.1), which");
    l.add("`OpenApiConformanceIT` checks against the running server. The chapters of");
    l.add("[`spec/v0.08/`](../spec/v0.08/) are normative; this page is a map of them.");
    l.add("");
    l.add(
        "Every `/v1` endpoint except the signed download needs `Authorization: Bearer <api key>`;");
    l.add("the key's tenant is the only tenant a request sees, and its role must grant the listed");
    l.add(
        "permission. Errors have the body `{\"error\": {\"code\", \"message\", \"request_id\"}}`");
    l.add("([chapter 09](../spec/v0.08/09-errors.md)); every response carries `X-Request-Id`, and");
    l.add("rate-limited endpoints the `X-RateLimit-Limit`, `X-RateLimit-Remaining` and");
    l.add("`X-RateLimit-Reset` headers (`Retry-After` on a 429).");
    l.add("");
    l.add("## Endpoints");
    l.add("");
    l.add("| Method | Path | Permission | Summary |");
    l.add("|---|---|---|---|");
    for (OpenApiDocument.Operation op : doc.operations()) {
      l.add(
          "| `"
              + op.method()
              + "` | `"
              + op.path()
              + "` | "
              + permission(op)
              + " | "
              + cell(op.node().path("summary").asText())
              + " |");
    }
    String tag = null;
    for (OpenApiDocument.Operation op : doc.operations()) {
      if (!op.tag().equals(tag)) {
        tag = op.tag();
        l.add("");
        l.add("## " + tag);
        l.add("");
        l.add(tagDescription(doc, tag));
      }
      operation(doc, op, l);
    }
    l.add("");
    return String.join("\n", l);
  }

  private static void operation(OpenApiDocument doc, OpenApiDocument.Operation op, List<String> l) {
    JsonNode n = op.node();
    l.add("");
    l.add("### `" + op.method() + " " + op.path() + "`");
    l.add("");
    l.add(n.path("summary").asText() + ". Permission: " + permission(op) + ".");
    if (n.has("description")) {
      l.add("");
      l.add(n.get("description").asText().strip());
    }
    List<String> params = new ArrayList<>();
    for (JsonNode p : n.path("parameters")) {
      JsonNode r = doc.resolve(p);
      params.add(
          "| `"
              + r.path("name").asText()
              + "` | "
              + r.path("in").asText()
              + " | "
              + (r.path("required").asBoolean(false) ? "yes" : "")
              + " | "
              + cell(r.path("description").asText(""))
              + " |");
    }
    if (!params.isEmpty()) {
      l.add("");
      l.add("| Parameter | In | Required | Description |");
      l.add("|---|---|---|---|");
      l.addAll(params);
    }
    JsonNode body = n.path("requestBody").path("content");
    if (!body.isMissingNode()) {
      Iterator<Map.Entry<String, JsonNode>> types = body.fields();
      while (types.hasNext()) {
        Map.Entry<String, JsonNode> t = types.next();
        l.add("");
        l.add(
            "Request body (`"
                + t.getKey()
                + "`): "
                + schemaName(t.getValue().path("schema"))
                + ".");
      }
    }
    l.add("");
    l.add("| Status | Meaning |");
    l.add("|---|---|");
    Iterator<Map.Entry<String, JsonNode>> responses = n.path("responses").fields();
    while (responses.hasNext()) {
      Map.Entry<String, JsonNode> r = responses.next();
      String text = doc.resolve(r.getValue()).path("description").asText().strip();
      l.add("| " + r.getKey() + " | " + cell(text.replace("\n", " ")) + " |");
    }
  }

  private static String permission(OpenApiDocument.Operation op) {
    String p = op.node().path("x-ovpo-permission").asText("");
    return p.startsWith("none") ? p : "`" + p + "`";
  }

  private static String tagDescription(OpenApiDocument doc, String tag) {
    for (JsonNode t : doc.root().path("tags")) {
      if (t.path("name").asText().equals(tag)) {
        return t.path("description").asText();
      }
    }
    return "";
  }

  private static String schemaName(JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return "`" + ref.substring("#/components/schemas/".length()) + "`";
    }
    return ref.isEmpty() ? "see the OpenAPI document" : "[`" + ref + "`](" + ref + ")";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
