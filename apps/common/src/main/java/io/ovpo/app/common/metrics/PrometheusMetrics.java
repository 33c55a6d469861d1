package io.ovpo.app.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The apps' {@link MetricsRecorder}: Micrometer meters exposed in Prometheus text format, every
 * name prefixed {@code ovpo_}. Counters may be named with or without {@code _total}; Prometheus
 * naming adds it. Observations ending in {@code _seconds} are histograms with latency buckets.
 */
public final class PrometheusMetrics implements MetricsRecorder {
  private static final Duration[] LATENCY_BUCKETS =
      java.util.stream.DoubleStream.of(
              0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10)
          .mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
          .toArray(Duration[]::new);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, AtomicReference<Double>> gauges =
      new ConcurrentHashMap<>();

  @Override
  public void increment(String name, long amount, String... labels) {
    Counter.builder(meterName(stripTotal(name))).tags(labels).register(registry).increment(amount);
  }

  @Override
  public void observe(String name, double value, String... labels) {
    if (name.endsWith("_seconds")) {
      // Timers carry the seconds base unit, so Prometheus names them <name>_seconds with these
      // buckets
      String base = name.substring(0, name.length() - "_seconds".length());
      Timer.builder(meterName(base))
          .tags(labels)
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .register(registry)
          .record(Duration.ofNanos((long) (value * 1e9)));
      return;
    }
    DistributionSummary.builder(meterName(name)).tags(labels).register(registry).record(value);
  }

  @Override
  public void gauge(String name, double value, String... labels) {
    String id = name + Tags.of(labels);
    gauges
        .computeIfAbsent(
            id,
            k -> {
              AtomicReference<Double> ref = new AtomicReference<>(0.0);
              Gauge.builder(meterName(name), ref, AtomicReference::get)
                  .tags(labels)
                  .register(registry);
              return ref;
            })
        .set(value);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private static String stripTotal(String name) {
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }

  private static String meterName(String name) {
    // Micrometer joins dotted names with '_' for Prometheus; keep ours verbatim under the prefix.
    return "ovpo." + name;
  }
}
