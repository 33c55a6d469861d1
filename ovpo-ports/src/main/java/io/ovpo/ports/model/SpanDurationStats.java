package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * Duration statistics of ended spans of one kind. Percentiles are exact, nearest-rank: sort the
 * durations ascending; the p-th percentile is the value at index ceil(p × n) − 1.
 */
public record SpanDurationStats(
    SpanKind spanKind, long count, double avgMs, long p95Ms, long p99Ms) {
  public SpanDurationStats {
    Checks.notNull("span_kind", spanKind);
    Checks.range("count", count, 1, Long.MAX_VALUE);
    Checks.range("avg_ms", avgMs, 0, Double.MAX_VALUE);
    Checks.range("p95_ms", p95Ms, 0, Long.MAX_VALUE);
    Checks.range("p99_ms", p99Ms, p95Ms, Long.MAX_VALUE);
  }
}
