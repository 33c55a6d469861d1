package io.ovpo.testkit;

import java.util.Arrays;
import java.util.Collection;

/**
 * The naive reference for exact nearest-rank percentiles (spec: sort ascending, the p-th percentile
 * is the value at index ceil(p × n) − 1, computed in double precision like PostgreSQL's {@code
 * percentile_disc}).
 */
public final class NearestRank {
  private NearestRank() {}

  /** The p-th percentile (0 &lt; p ≤ 1) of non-empty {@code values}. */
  public static long percentile(Collection<Long> values, double p) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
