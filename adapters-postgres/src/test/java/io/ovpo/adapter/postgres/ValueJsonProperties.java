package io.ovpo.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.Attributes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Attribute numbers survive JSONB, which stores numbers as {@code numeric} and prints them in plain
 * notation: a double must come back a Double (not a Long or BigInteger) and a long a Long.
 */
class ValueJsonProperties {
  @Property(tries = 200)
  void anyFiniteDouble_comesBackTheSameDouble(@ForAll double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    Object back = roundTrip(value);
    assertThat(back).isInstanceOf(Double.class);
    assertThat((Double) back).isEqualTo(value == 0.0 ? 0.0 : value);
  }

  @Property(tries = 200)
  void anyLong_comesBackTheSameLong(@ForAll long value) {
    assertThat(roundTrip(value)).isEqualTo(value);
  }

  @Example
  void integralDoubles_keepAFractionalDigit() {
    assertThat(Json.write(Json.number(1.0E20))).isEqualTo("100000000000000000000.0");
    assertThat(Json.write(Json.number(2))).isEqualTo("2.0");
    assertThat(Json.write(Json.number(0.1))).isEqualTo("0.1");
  }

  @Example
  void attributes_roundTripThroughJsonbNotation() {
    Attributes a =
        Attributes.of(
            Map.of(
                "custom.big",
                3.0E10,
                "custom.count",
                3L,
                "custom.list",
                List.of(1L, 2.5, true, "x"),
                "ovpo.text",
                "ünïcode ✓ \"quoted\""));
    assertThat(ValueJson.attributes(jsonb(ValueJson.attributes(a)))).isEqualTo(a);
  }

  /** The value as an attribute, through JSON text as PostgreSQL's jsonb would print it. */
  private static Object roundTrip(Object value) {
    Attributes a = Attributes.of(Map.of("custom.v", value));
    return ValueJson.attributes(jsonb(ValueJson.attributes(a))).values().get("custom.v");
  }

  /**
   * What jsonb prints for {@code json}: numbers become {@code numeric}, printed in plain notation
   * with the scale of their input ({@code 1.0E20} prints as {@code 100000000000000000000}).
   */
  private static String jsonb(String json) {
    try {
      return EXACT.writeValueAsString(plain(EXACT.readTree(json)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private static JsonNode plain(JsonNode v) {
    if (v.isObject()) {
      ObjectNode out = Json.object();
      v.properties().forEach(e -> out.set(e.getKey(), plain(e.getValue())));
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = Json.array();
      v.forEach(e -> out.add(plain(e)));
      return out;
    }
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue();
      return new DecimalNode(d.scale() < 0 ? d.setScale(0) : d);
    }
    return v;
  }
}
