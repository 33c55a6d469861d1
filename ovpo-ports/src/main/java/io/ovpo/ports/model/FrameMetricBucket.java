package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * One point of a frame-metric series: over the events observed in the bucket that carry the metric,
 * their number, mean and exact nearest-rank p95 and p99 (chapter 05 §5: sort ascending, the p-th
 * percentile is the value at 0-based index ceil(p × n / 100) − 1).
 */
public record FrameMetricBucket(Instant start, long count, double avg, double p95, double p99) {
  public FrameMetricBucket {
    Checks.notNull("start", start);
    Checks.range("count", count, 1, Long.MAX_VALUE);
    Checks.finite("avg", avg);
    Checks.finite("p95", p95);
    Checks.check(Checks.finite("p99", p99) >= p95, "p99", "must not be below p95");
  }
}
