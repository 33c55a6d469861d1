package io.ovpo.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code spec/v0.08/openapi.yaml}, parsed, with its operations listed in document order. */
final class OpenApiDocument {
  static final String PATH = "spec/v0.08/openapi.yaml";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /** One documented operation. */
  record Operation(String method, String path, JsonNode node) {
    Route route() {
      return new Route(method, path);
    }

    /** The documented status codes. */
    Set<Integer> statuses() {
      Set<Integer> out = new TreeSet<>();
      node.path("responses").fieldNames().forEachRemaining(c -> out.add(Integer.parseInt(c)));
      return out;
    }

    String tag() {
      return node.path("tags").path(0).asText("");
    }

    /** No API key: {@code security: []}. */
    boolean isPublic() {
      return node.has("security") && node.get("security").isEmpty();
    }
  }

  private final JsonNode root;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
  }

  static OpenApiDocument load() throws IOException {
    return parse(GeneratedDoc.read(PATH));
  }

  static OpenApiDocument parse(String yaml) throws IOException {
    return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(yaml));
  }

  JsonNode root() {
    return root;
  }

  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), p.getKey(), op.getValue()));
        }
      }
    }
    return out;
  }

  /** The node a local {@code $ref} ({@code #/components/...}) points at, or the node itself. */
  JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null || !ref.asText().startsWith("#/")) {
      return node;
    }
    return root.at(ref.asText().substring(1));
  }
}
