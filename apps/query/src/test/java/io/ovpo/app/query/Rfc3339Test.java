package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  @ParameterizedTest
  @CsvSource({
    "2026-03-01T10:00:00Z, 2026-03-01T10:00:00Z",
    "2026-03-01T11:00:00+01:00, 2026-03-01T10:00:00Z",
    "2026-03-01t10:00:00z, 2026-03-01T10:00:00Z",
    "2026-03-01T10:00:00.1234567Z, 2026-03-01T10:00:00.123Z",
    "2026-03-01T10:00:00.999999999-00:30, 2026-03-01T10:30:00.999Z"
  })
  void anyOffsetAndPrecision_becomesUtcMilliseconds(String text, String expected) {
    assertThat(Rfc3339.parse("from", text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-03-01",
        "2026-03-01T10:00Z",
        "2026-03-01T10:00:00",
        "2026-03-01 10:00:00Z",
        "2026-02-30T10:00:00Z",
        "2026-03-01T10:00:00.1234567890Z",
        "1772359200"
      })
  void otherForms_areInvalidParameter_namingTheParameter(String text) {
    assertThatThrownBy(() -> Rfc3339.parse("to", text))
        .isInstanceOf(OvpoException.class)
        .hasMessageContaining("'to'")
        .satisfies(
            e -> assertThat(((OvpoException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
  }

  @Property
  void everyInstant_roundTripsThroughAnyOffset(
      @ForAll @LongRange(min = 0, max = 253_402_300_799L - 86_400) long epochSecond,
      @ForAll @IntRange(min = 0, max = 999) int millis,
      @ForAll @IntRange(min = -18, max = 18) int offsetHours) {
    Instant t = Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    String text =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            t.atOffset(ZoneOffset.ofHours(offsetHours)).withNano(millis * 1_000_000));
    assertThat(Rfc3339.parse("from", text)).isEqualTo(t);
  }
}
