package io.ovpo.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.testkit.NearestRank;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PercentilesProperties {

  @Property(tries = 500)
  void nearestRank_equalsTheNaiveReference(
      @ForAll @Size(min = 1, max = 300) List<Long> values, @ForAll("p") double p) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(Percentiles.nearestRank(sorted, p)).isEqualTo(NearestRank.percentile(values, p));
  }

  @Property(tries = 300)
  void nearestRank_isAnElementAndMonotoneInP(
      @ForAll @Size(min = 1, max = 100) List<Long> values,
      @ForAll("p") double p,
      @ForAll("p") double q) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(values).contains(Percentiles.nearestRank(sorted, p));
    if (p <= q) {
      assertThat(Percentiles.nearestRank(sorted, p))
          .isLessThanOrEqualTo(Percentiles.nearestRank(sorted, q));
    }
  }

  @Provide
  Arbitrary<Double> p() {
    return Arbitraries.oneOf(
        Arbitraries.of(0.5, 0.9, 0.95, 0.99, 0.07, 0.29, 0.57, 1.0),
        Arbitraries.doubles().between(0, 1).filter(d -> d > 0));
  }
}
