package io.ovpo.app.processor;

import io.ovpo.ports.out.MetricsRecorder;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A metrics fake that adds up counters and keeps the last gauge value, by name and labels. */
final class CountingMetrics implements MetricsRecorder {
  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Double> gauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> observations = new ConcurrentHashMap<>();

  private static String id(String name, String... labels) {
    return labels.length == 0 ? name : name + Arrays.toString(labels);
  }

  @Override
  public void increment(String name, long amount, String... labels) {
    counters.computeIfAbsent(id(name, labels), k -> new AtomicLong()).addAndGet(amount);
  }

  @Override
  public void observe(String name, double value, String... labels) {
    observations.computeIfAbsent(id(name, labels), k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void gauge(String name, double value, String... labels) {
    gauges.put(id(name, labels), value);
  }

  long count(String name, String... labels) {
    AtomicLong v = counters.get(id(name, labels));
    return v == null ? 0 : v.get();
  }

  long observations(String name) {
    AtomicLong v = observations.get(name);
    return v == null ? 0 : v.get();
  }

  Double gauge(String name) {
    return gauges.get(name);
  }
}
