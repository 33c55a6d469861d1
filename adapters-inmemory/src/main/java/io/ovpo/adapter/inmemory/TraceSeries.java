package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accumulates one dashboard series, bucket by bucket (see {@link TimeseriesMetric}). */
final class TraceSeries {
  private final TimeseriesMetric metric;
  private final ChronoUnit unit;
  private final Map<Instant, Acc> buckets = new TreeMap<>();

  TraceSeries(TimeseriesMetric metric, BucketWidth width) {
    this.metric = metric;
    this.unit = width == BucketWidth.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
  }

  /** Per-bucket running figures. */
  private static final class Acc {
    long count;
    long terminal;
    long failed;
    double units;
    final List<Long> latencies = new ArrayList<>();
  }

  void add(TraceRecord r) {
    Trace t = r.trace();
    Acc a = buckets.computeIfAbsent(t.createdAt().truncatedTo(unit), k -> new Acc());
    a.count++;
    if (r.status().isTerminal()) {
      a.terminal++;
    }
    if (r.status() == TraceStatus.FAILED) {
      a.failed++;
    }
    r.cost().ifPresent(c -> a.units += c.computeUnits());
    if (t.startedAt().isPresent() && t.endedAt().isPresent()) {
      a.latencies.add(Duration.between(t.startedAt().get(), t.endedAt().get()).toMillis());
    }
  }

  List<TimeBucket> buckets() {
    List<TimeBucket> out = new ArrayList<>(buckets.size());
    buckets.forEach((start, a) -> out.add(new TimeBucket(start, value(a), a.count)));
    return out;
  }

  private double value(Acc a) {
    return switch (metric) {
      case THROUGHPUT -> a.count;
      case FAILURE_RATE -> a.terminal == 0 ? 0 : (double) a.failed / a.terminal;
      case P95_LATENCY -> a.latencies.isEmpty() ? 0 : Percentiles.nearestRank(a.latencies, 0.95);
      case COMPUTE_UNITS -> a.units;
    };
  }
}
