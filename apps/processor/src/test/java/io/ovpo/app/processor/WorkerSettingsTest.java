package io.ovpo.app.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
  private final WorkerSettings defaults = WorkerSettings.defaults(2);

  @Test
  void backoff_doublesPerAttempt_fromOneSecond() {
    assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.backoff(5)).isEqualTo(Duration.ofSeconds(16));
  }

  @Property
  void backoff_neverExceedsTheCap_andNeverShrinks(
      @ForAll @IntRange(min = 1, max = 1000) int attempt) {
    Duration d = defaults.backoff(attempt);
    assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)).isPositive();
    assertThat(defaults.backoff(attempt + 1)).isGreaterThanOrEqualTo(d);
  }
}
