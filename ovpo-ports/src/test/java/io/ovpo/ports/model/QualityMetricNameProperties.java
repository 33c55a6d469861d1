package io.ovpo.ports.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The hand-written metric-name check gives the verdicts of {@link QualityMetrics#NAME}. */
class QualityMetricNameProperties {

  @Property(tries = 500)
  void nameCheck_agreesWithThePattern(
      @ForAll
          @StringLength(min = 0, max = 66)
          @CharRange(from = 'a', to = 'z')
          @Chars({'0', '9', '_', 'A', '-', '\n'})
          String s) {
    assertThat(QualityMetrics.isName(s)).as(s).isEqualTo(QualityMetrics.NAME.matcher(s).matches());
  }
}
