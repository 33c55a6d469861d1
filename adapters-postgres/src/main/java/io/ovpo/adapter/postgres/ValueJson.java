package io.ovpo.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON of the small value types shared by traces, spans and frame events. */
final class ValueJson {
  private ValueJson() {}

  static String tags(Tags tags) {
    return Json.write(strings(tags.values()));
  }

  static Tags tags(String json) {
    return Tags.of(strings(Json.read(json)));
  }

  static ObjectNode strings(Map<String, String> values) {
    ObjectNode o = Json.object();
    values.forEach(o::put);
    return o;
  }

  static Map<String, String> strings(JsonNode o) {
    Map<String, String> out = new TreeMap<>();
    o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static String attributes(Attributes attributes) {
    ObjectNode o = Json.object();
    attributes.values().forEach((k, v) -> o.set(k, attributeValue(v)));
    return Json.write(o);
  }

  static Attributes attributes(String json) {
    Map<String, Object> out = new LinkedHashMap<>();
    Json.read(json).properties().forEach(e -> out.put(e.getKey(), attributeValue(e.getValue())));
    return Attributes.of(out);
  }

  private static JsonNode attributeValue(Object v) {
    if (v instanceof List<?> list) {
      ArrayNode a = Json.array();
      list.forEach(e -> a.add(attributeValue(e)));
      return a;
    }
    if (v instanceof String s) {
      return JsonNodeFactory.instance.textNode(s);
    }
    if (v instanceof Boolean b) {
      return JsonNodeFactory.instance.booleanNode(b);
    }
    if (v instanceof Long l) {
      return JsonNodeFactory.instance.numberNode(l);
    }
    return Json.number(((Number) v).doubleValue());
  }

  private static Object attributeValue(JsonNode n) {
    if (n.isArray()) {
      List<Object> out = new ArrayList<>(n.size());
      n.forEach(e -> out.add(attributeValue(e)));
      return out;
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    // A floating-point number, or an integer beyond 64 bits, which only a double can have been.
    return n.asDouble();
  }

  static String quality(QualityMetrics metrics) {
    ObjectNode o = Json.object();
    metrics.values().forEach((k, v) -> o.set(k, Json.number(v)));
    return Json.write(o);
  }

  static QualityMetrics quality(String json) {
    Map<String, Double> out = new TreeMap<>();
    Json.read(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return new QualityMetrics(out);
  }

  static ObjectNode artifact(ArtifactRef a) {
    ObjectNode o = Json.object();
    o.put("artifact_id", a.artifactId().value());
    o.put("kind", a.kind().name());
    o.put("uri", a.uri());
    o.put("content_type", a.contentType());
    o.put("size_bytes", a.sizeBytes());
    Json.put(o, "sha256", a.sha256());
    Json.put(o, "ttl_hours", a.ttlHours());
    return o;
  }

  static ArtifactRef artifact(JsonNode o) {
    return new ArtifactRef(
        ArtifactId.of(o.get("artifact_id").asText()),
        ArtifactKind.valueOf(o.get("kind").asText()),
        o.get("uri").asText(),
        o.get("content_type").asText(),
        o.get("size_bytes").asLong(),
        Json.optText(o, "sha256"),
        Json.optInt(o, "ttl_hours"));
  }

  static String artifacts(List<ArtifactRef> artifacts) {
    ArrayNode a = Json.array();
    artifacts.forEach(r -> a.add(artifact(r)));
    return Json.write(a);
  }

  static List<ArtifactRef> artifacts(String json) {
    List<ArtifactRef> out = new ArrayList<>();
    Json.read(json).forEach(n -> out.add(artifact(n)));
    return out;
  }
}
