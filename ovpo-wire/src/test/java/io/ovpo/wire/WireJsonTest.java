package io.ovpo.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireJsonTest {
  @Test
  void timestamp_isUtcWithExactlyThreeFractionDigits() {
    assertThat(WireJson.formatInstant(Instant.parse("2026-11-25T20:42:17.123Z")))
        .isEqualTo("2026-11-25T20:42:17.123Z");
    assertThat(WireJson.formatInstant(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05.000Z");
    assertThat(WireJson.formatInstant(Instant.parse("0001-01-01T00:00:00.010Z")))
        .isEqualTo("0001-01-01T00:00:00.010Z");
  }

  @Test
  void timestamp_dropsSubMillisecondDigits() {
    assertThat(WireJson.formatInstant(Instant.parse("2026-11-25T20:42:17.123999Z")))
        .isEqualTo("2026-11-25T20:42:17.123Z");
  }

  @Test
  void timestamp_outsideFourDigitYears_isRefused() {
    assertThatThrownBy(() -> WireJson.formatInstant(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseInstant_readsTheWireForm() {
    assertThat(WireJson.parseInstant("2024-02-29T23:59:59.999Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T20:42:17Z",
        "2026-11-25T20:42:17.12Z",
        "2026-11-25T20:42:17.1234Z",
        "2026-11-25T20:42:17.123+00:00",
        "2026-11-25T20:42:17.123z",
        "2026-11-25 20:42:17.123Z",
        "2026-11-25t20:42:17.123Z",
        "2025-02-30T00:00:00.000Z",
        "2025-13-01T00:00:00.000Z",
        "2025-12-31T24:00:00.000Z",
        "2025-12-31T23:59:60.000Z",
        "２026-11-25T20:42:17.123Z",
        "2026-11-25T20:42:17.12aZ",
        ""
      })
  void parseInstant_refusesEverythingElse(String text) {
    assertThatThrownBy(() -> WireJson.parseInstant(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 500)
  void timestamp_roundTripsEveryMillisecondOfFourDigitYears(
      @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long ms) {
    Instant t = Instant.ofEpochMilli(ms);
    String text = WireJson.formatInstant(t);
    assertThat(text).matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$");
    assertThat(WireJson.parseInstant(text)).isEqualTo(t);
    assertThat(Instant.parse(text)).isEqualTo(t);
  }

  @Test
  void duplicateKey_isMalformed() {
    assertThatThrownBy(() -> WireJson.parse("{\"a\":1,\"a\":2}".getBytes(UTF_8)))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void nestingDeeperThan64_isRefused() {
    String ok = "[".repeat(64) + "]".repeat(64);
    String deep = "[".repeat(65) + "]".repeat(65);
    assertThat(parses(ok)).isTrue();
    assertThatThrownBy(() -> WireJson.parse(deep.getBytes(UTF_8)))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void stringLongerThanOneMebibyte_isRefused() {
    String ok = "\"" + "x".repeat(WireJson.MAX_STRING_LENGTH) + "\"";
    String huge = "\"" + "x".repeat(WireJson.MAX_STRING_LENGTH + 1) + "\"";
    assertThat(parses(ok)).isTrue();
    assertThatThrownBy(() -> WireJson.parse(huge.getBytes(UTF_8)))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void numberLongerThan100Characters_isRefused() {
    assertThat(parses("1" + "0".repeat(99))).isTrue();
    assertThatThrownBy(() -> WireJson.parse(("1" + "0".repeat(100)).getBytes(UTF_8)))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "{} {}", "{\"a\":1", "{'a':1}", "[1,]", "NaN", "{\"a\":01}"})
  void notExactlyOneJsonValue_isRefused(String text) {
    assertThatThrownBy(() -> WireJson.parse(text.getBytes(UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void utf16AndUtf32_areRefused_utf8IsRead() throws Exception {
    for (java.nio.charset.Charset cs :
        List.of(
            StandardCharsets.UTF_16,
            StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE,
            java.nio.charset.Charset.forName("UTF-32"))) {
      assertThatThrownBy(() -> WireJson.parse("{\"a\":1}".getBytes(cs)))
          .as(cs.name())
          .isInstanceOf(JsonProcessingException.class);
    }
    assertThat(WireJson.parse("{\"a\":\"é\"}".getBytes(UTF_8)).get("a").asText()).isEqualTo("é");
    byte[] latin1 = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
    assertThatThrownBy(() -> WireJson.parse(latin1)).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void unknownFields_areNotRefusedHere() throws Exception {
    assertThat(WireJson.mapper().readValue("{\"x\":1,\"y\":2}", Small.class).x).isEqualTo(1);
  }

  static final class Small {
    public int x;
  }

  private static boolean parses(String text) {
    try {
      WireJson.parse(text.getBytes(UTF_8));
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
