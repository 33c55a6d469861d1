package io.ovpo.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Latencies (nanoseconds) and outcomes of one harness phase; nearest-rank percentiles. */
final class LatencyStats {
  private long[] nanos = new long[1024];
  private int count;
  private long items;
  private final Map<Integer, Integer> statuses = new TreeMap<>();

  synchronized void record(long latencyNanos, int status, long acceptedItems) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
    items += acceptedItems;
    statuses.merge(status, 1, Integer::sum);
  }

  synchronized long items() {
    return items;
  }

  synchronized int requests() {
    return count;
  }

  /** p in (0, 1], in milliseconds. */
  synchronized double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int index = (int) Math.max(0, Math.ceil(p * count) - 1);
    return sorted[index] / 1e6;
  }

  synchronized String statusesText() {
    return statuses.toString();
  }

  synchronized String summary(String phase, double seconds) {
    return String.format(
        Locale.ROOT,
        "%-10s requests=%d accepted_items=%d duration=%.1fs items/s=%.0f p50=%.1fms p99=%.1fms"
            + " max=%.1fms statuses=%s",
        phase,
        count,
        items,
        seconds,
        items / seconds,
        percentileMs(0.50),
        percentileMs(0.99),
        percentileMs(1.0),
        statuses);
  }
}
