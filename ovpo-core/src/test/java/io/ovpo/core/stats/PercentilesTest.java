package io.ovpo.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

  @Test
  void p95_ofOneToHundred_is95() {
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 0.95)).isEqualTo(95);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 0.99)).isEqualTo(99);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 0.5)).isEqualTo(50);
  }

  @Test
  void pOne_isTheMaximum_tinyP_isTheMinimum() {
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 1.0)).isEqualTo(100);
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 1e-9)).isEqualTo(1);
    assertThat(Percentiles.nearestRank(new long[] {7}, 0.95)).isEqualTo(7);
  }

  @Test
  void nearestRank_usesDoubleProductLikePercentileDisc() {
    // 0.07 * 100 is 7.000000000000001 in binary; PostgreSQL picks the 8th value, so do we.
    assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, 0.07)).isEqualTo(8);
  }

  @Test
  void emptyValues_orPOutOfRange_areRejected() {
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 1.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
