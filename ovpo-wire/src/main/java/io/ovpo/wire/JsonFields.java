package io.ovpo.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.InvalidValueException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the fields of one JSON object, every failure a {@link WireValueException}
 * (SCHEMA_VIOLATION) at the field's pointer. JSON {@code null} is a wrong type, never "absent".
 */
final class JsonFields {
  private final JsonNode node;
  // The pointer is built only when an error needs it: a parent and a name, or a given string.
  private final JsonFields parent;
  private final String name;
  private String pointer;

  private JsonFields(JsonNode node, String pointer) {
    this.node = node;
    this.parent = null;
    this.name = null;
    this.pointer = pointer;
  }

  private JsonFields(JsonNode node, JsonFields parent, String name) {
    this.node = node;
    this.parent = parent;
    this.name = name;
  }

  /** The object at {@code pointer}. */
  static JsonFields of(JsonNode node, String pointer) {
    if (node == null || !node.isObject()) {
      throw shape(pointer, "must be an object");
    }
    return new JsonFields(node, pointer);
  }

  String pointer() {
    if (pointer == null) {
      pointer = parent.pointer(name);
    }
    return pointer;
  }

  String pointer(String name) {
    return Pointers.child(pointer(), name);
  }

  boolean has(String name) {
    return node.has(name);
  }

  /** The fields, in document order. */
  Set<Map.Entry<String, JsonNode>> entries() {
    return node.properties();
  }

  /** Refuses any field not in {@code allowed} (closed request bodies). */
  void onlyAllow(Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            n -> {
              if (!allowed.contains(n)) {
                throw shape(pointer(n), "is not a known field");
              }
            });
  }

  Optional<JsonNode> opt(String name) {
    return Optional.ofNullable(node.get(name));
  }

  JsonNode req(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      throw shape(pointer(name), "is required");
    }
    return v;
  }

  String text(String name) {
    return textOf(req(name), name);
  }

  Optional<String> optText(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(textOf(v, name));
  }

  <T> T id(String name, Function<String, T> constructor) {
    return idOf(text(name), name, constructor);
  }

  <T> Optional<T> optId(String name, Function<String, T> constructor) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(idOf(textOf(v, name), name, constructor));
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    return enumOf(text(name), name, type);
  }

  <E extends Enum<E>> Optional<E> optEnum(String name, Class<E> type) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(enumOf(textOf(v, name), name, type));
  }

  long longValue(String name) {
    return longOf(req(name), name);
  }

  OptionalLong optLong(String name) {
    JsonNode v = node.get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(longOf(v, name));
  }

  int intValue(String name) {
    return toInt(longValue(name), name);
  }

  OptionalInt optInt(String name) {
    OptionalLong v = optLong(name);
    return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of(toInt(v.getAsLong(), name));
  }

  double doubleValue(String name) {
    return doubleOf(req(name), name);
  }

  OptionalDouble optDouble(String name) {
    JsonNode v = node.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(doubleOf(v, name));
  }

  boolean bool(String name) {
    JsonNode v = req(name);
    if (!v.isBoolean()) {
      throw shape(pointer(name), "must be a boolean");
    }
    return v.booleanValue();
  }

  boolean optBool(String name, boolean absent) {
    return has(name) ? bool(name) : absent;
  }

  Instant instant(String name) {
    return instantOf(text(name), name);
  }

  Optional<Instant> optInstant(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(instantOf(textOf(v, name), name));
  }

  JsonFields object(String name) {
    return objectOf(req(name), name);
  }

  Optional<JsonFields> optObject(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(objectOf(v, name));
  }

  JsonNode array(String name) {
    JsonNode v = req(name);
    if (!v.isArray()) {
      throw shape(pointer(name), "must be an array");
    }
    return v;
  }

  // ---- a member's value; the pointer is built on failure only ----

  private String textOf(JsonNode v, String name) {
    if (!v.isTextual()) {
      throw shape(pointer(name), "must be a string");
    }
    return v.textValue();
  }

  private <T> T idOf(String value, String name, Function<String, T> constructor) {
    try {
      return constructor.apply(value);
    } catch (InvalidValueException e) {
      throw new WireValueException(ErrorCode.SEMANTIC_VIOLATION, pointer(name), e.reason());
    }
  }

  private <E extends Enum<E>> E enumOf(String text, String name, Class<E> type) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      return enumValue(text, pointer(name), type);
    }
  }

  private long longOf(JsonNode v, String name) {
    if (v.isInt() || v.isLong()) {
      return v.longValue();
    }
    return longValue(v, pointer(name));
  }

  private double doubleOf(JsonNode v, String name) {
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    }
    return doubleValue(v, pointer(name));
  }

  private Instant instantOf(String text, String name) {
    try {
      return WireJson.parseInstant(text);
    } catch (IllegalArgumentException e) {
      throw shape(pointer(name), e.getMessage());
    }
  }

  private JsonFields objectOf(JsonNode v, String name) {
    if (!v.isObject()) {
      throw shape(pointer(name), "must be an object");
    }
    return new JsonFields(v, this, name);
  }

  private int toInt(long v, String name) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw shape(pointer(name), "is out of range (was " + v + ")");
    }
    return (int) v;
  }

  // ---- single values ----

  static String text(JsonNode v, String pointer) {
    if (!v.isTextual()) {
      throw shape(pointer, "must be a string");
    }
    return v.textValue();
  }

  static long longValue(JsonNode v, String pointer) {
    if (v.isIntegralNumber()) {
      if (!v.canConvertToLong()) {
        throw shape(pointer, "must be an integer within the signed 64-bit range");
      }
      return v.longValue();
    }
    if (v.isFloatingPointNumber()) {
      // JSON Schema counts 3.0 as an integer; accept it, refuse 3.5.
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
    }
    throw shape(pointer, "must be an integer");
  }

  static double doubleValue(JsonNode v, String pointer) {
    if (!v.isNumber()) {
      throw shape(pointer, "must be a number");
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw shape(pointer, "must be a finite number");
    }
    return d;
  }

  static Instant instant(String text, String pointer) {
    try {
      return WireJson.parseInstant(text);
    } catch (IllegalArgumentException e) {
      throw shape(pointer, e.getMessage());
    }
  }

  static <E extends Enum<E>> E enumValue(String text, String pointer, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    throw shape(pointer, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  /** A JSON number as the attribute model holds it: Long for integers, Double otherwise. */
  static Object number(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.bigIntegerValue();
    }
    return v.doubleValue();
  }

  static WireValueException shape(String pointer, String reason) {
    return new WireValueException(ErrorCode.SCHEMA_VIOLATION, pointer, reason);
  }
}
