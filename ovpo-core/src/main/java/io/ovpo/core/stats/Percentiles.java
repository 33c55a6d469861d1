package io.ovpo.core.stats;

import java.util.Objects;

/**
 * Exact nearest-rank percentiles (decisions.md "Analytics"): sort ascending, the p-th percentile is
 * the value at index ceil(p·n) − 1. The product is taken in double precision exactly as
 * PostgreSQL's {@code percentile_disc} does, so every backend agrees on the chosen element (even
 * where binary rounding makes 0.07 × 100 slightly above 7).
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The nearest-rank percentile of a non-empty, ascending-sorted array.
   *
   * @param p in (0, 1]; 0.95 for p95
   * @throws IllegalArgumentException when the array is empty or p is out of range
   */
  public static long nearestRank(long[] sortedAscending, double p) {
    Objects.requireNonNull(sortedAscending, "sortedAscending");
    if (sortedAscending.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    return sortedAscending[rankIndex(sortedAscending.length, p)];
  }

  /** The index ceil(p·n) − 1, clamped to the array. */
  public static int rankIndex(int n, double p) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in (0, 1] (was " + p + ")");
    }
    int index = (int) Math.ceil(p * n) - 1;
    return Math.max(0, Math.min(n - 1, index));
  }
}
