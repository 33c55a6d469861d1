package io.ovpo.adapter.inmemory;

import java.util.List;

/** Exact nearest-rank percentiles: the value at index ceil(p × n) − 1 of the sorted values. */
final class Percentiles {
  private Percentiles() {}

  /** Sorts {@code values} in place and returns the p-th percentile; values must not be empty. */
  static long nearestRank(List<Long> values, double p) {
    values.sort(null);
    return at(values, p);
  }

  /** The p-th percentile of already sorted, non-empty values. */
  static long at(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
