package io.ovpo.app.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void durations_readLikeAPersonWouldSayThem() {
    assertThat(Formats.duration(850)).isEqualTo("850 ms");
    assertThat(Formats.duration(12_340)).isEqualTo("12.3 s");
    assertThat(Formats.duration(245_000)).isEqualTo("4m 05s");
    assertThat(Formats.duration(7_380_000)).isEqualTo("2h 03m");
  }

  @Test
  void wireTimestamps_areShortenedForTablesOnly() {
    assertThat(Formats.time("2025-03-01T12:00:07.120Z", true)).isEqualTo("2025-03-01 12:00:07");
    assertThat(Formats.time("2025-03-01T12:00:07.120Z", false))
        .isEqualTo("2025-03-01T12:00:07.120Z");
  }

  @Test
  void ages_areShortLikeKubectls() {
    java.time.Instant now = java.time.Instant.parse("2025-03-03T12:00:00Z");

    assertThat(Formats.age("2025-03-03T11:59:15.000Z", now)).isEqualTo("45s");
    assertThat(Formats.age("2025-03-03T11:48:00.000Z", now)).isEqualTo("12m");
    assertThat(Formats.age("2025-03-03T09:00:00.000Z", now)).isEqualTo("3h");
    assertThat(Formats.age("2025-03-01T12:00:00.000Z", now)).isEqualTo("2d");
  }

  @Test
  void bytes_useBinaryUnits() {
    assertThat(Formats.bytes(512)).isEqualTo("512 B");
    assertThat(Formats.bytes(3_500_000)).isEqualTo("3.3 MiB");
  }
}
