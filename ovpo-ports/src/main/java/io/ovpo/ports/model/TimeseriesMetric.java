package io.ovpo.ports.model;

/**
 * Dashboard series, bucketed by the trace's created_at:
 *
 * <ul>
 *   <li>THROUGHPUT: traces created in the bucket;
 *   <li>FAILURE_RATE: FAILED ÷ terminal traces in the bucket (0 when none is terminal);
 *   <li>P95_LATENCY: nearest-rank p95 of ended_at − started_at (ms) of traces that have both;
 *   <li>COMPUTE_UNITS: sum of compute units.
 * </ul>
 */
public enum TimeseriesMetric {
  THROUGHPUT,
  FAILURE_RATE,
  P95_LATENCY,
  COMPUTE_UNITS
}
