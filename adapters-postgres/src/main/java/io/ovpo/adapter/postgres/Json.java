package io.ovpo.adapter.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON of JSONB columns, built and read as trees so the stored shape (snake_case, like the
 * wire) does not follow refactorings of the Java records.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Null stays null, for nullable JSONB columns. */
  static String writeNullable(Optional<? extends JsonNode> node) {
    return node.map(Json::write).orElse(null);
  }

  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  /**
   * A double as a decimal that always keeps a fractional digit. JSONB stores numbers as numeric,
   * which prints 1.0E20 as 100000000000000000000; the ".0" keeps it a floating-point number when
   * read back (attributes tell Long from Double by that).
   */
  static JsonNode number(double value) {
    BigDecimal d = new BigDecimal(Double.toString(value));
    return new DecimalNode(d.scale() <= 0 ? d.setScale(1) : d);
  }

  static void put(ObjectNode o, String field, Optional<String> value) {
    value.ifPresent(v -> o.put(field, v));
  }

  static void put(ObjectNode o, String field, OptionalInt value) {
    value.ifPresent(v -> o.put(field, v));
  }

  static void put(ObjectNode o, String field, OptionalLong value) {
    value.ifPresent(v -> o.put(field, v));
  }

  static void put(ObjectNode o, String field, OptionalDouble value) {
    value.ifPresent(v -> o.set(field, number(v)));
  }

  static Optional<String> optText(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  static OptionalInt optInt(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? OptionalInt.empty() : OptionalInt.of(n.asInt());
  }

  static OptionalLong optLong(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? OptionalLong.empty() : OptionalLong.of(n.asLong());
  }

  static OptionalDouble optDouble(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? OptionalDouble.empty() : OptionalDouble.of(n.asDouble());
  }
}
