package io.ovpo.compliance.invariants;

import java.time.Duration;
import java.util.Objects;

/**
 * How much timing slack the invariants allow.
 *
 * @param spanNesting how far a child span may start before, or end after, its parent (and a span
 *     its trace): clocks read at different moments and truncated to milliseconds
 * @param observedAtSkew the clock-skew tolerance of spec 04 §6 rules 4-5 (5,000 ms, spec 10 {@code
 *     clock_skew_tolerance_ms})
 */
public record Tolerances(Duration spanNesting, Duration observedAtSkew) {
  /** 100 ms of span nesting slack, the spec's 5 s skew. */
  public static final Tolerances DEFAULT =
      new Tolerances(Duration.ofMillis(100), Duration.ofMillis(5000));

  public Tolerances {
    Objects.requireNonNull(spanNesting, "spanNesting");
    Objects.requireNonNull(observedAtSkew, "observedAtSkew");
    if (spanNesting.isNegative() || observedAtSkew.isNegative()) {
      throw new IllegalArgumentException("tolerances must not be negative");
    }
  }
}
