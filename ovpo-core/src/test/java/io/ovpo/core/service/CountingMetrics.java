package io.ovpo.core.service;

import io.ovpo.ports.out.MetricsRecorder;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/** Sums counters by name and by name plus labels, for assertions. */
final class CountingMetrics implements MetricsRecorder {
  private final ConcurrentHashMap<String, Long> counters = new ConcurrentHashMap<>();

  @Override
  public void increment(String name, long amount, String... labels) {
    counters.merge(name, amount, Long::sum);
    if (labels.length > 0) {
      counters.merge(name + Arrays.toString(labels), amount, Long::sum);
    }
  }

  @Override
  public void observe(String name, double value, String... labels) {}

  @Override
  public void gauge(String name, double value, String... labels) {}

  long count(String name) {
    return counters.getOrDefault(name, 0L);
  }

  long count(String name, String... labels) {
    return counters.getOrDefault(name + Arrays.toString(labels), 0L);
  }
}
