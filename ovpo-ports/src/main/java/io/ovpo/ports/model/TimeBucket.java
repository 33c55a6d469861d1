package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * One point of a time series: the bucket's start, the metric value and how many traces it is based
 * on. Buckets without traces are omitted.
 *
 * @param count the traces created in the bucket that match the filters, whatever the metric (a
 *     bucket whose traces are all running still appears, with FAILURE_RATE and P95_LATENCY 0)
 */
public record TimeBucket(Instant start, double value, long count) {
  public TimeBucket {
    Checks.notNull("start", start);
    Checks.finite("value", value);
    Checks.range("count", count, 0, Long.MAX_VALUE);
  }
}
