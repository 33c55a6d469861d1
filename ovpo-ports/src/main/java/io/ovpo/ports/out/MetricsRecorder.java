package io.ovpo.ports.out;

/**
 * Where core reports counters and timings; the apps back it with Prometheus. Names are without the
 * {@code ovpo_} prefix; labels are name/value pairs.
 */
public interface MetricsRecorder {
  void increment(String name, long amount, String... labels);

  void observe(String name, double value, String... labels);

  void gauge(String name, double value, String... labels);

  /** Discards everything (tests, tools). */
  static MetricsRecorder noop() {
    return new MetricsRecorder() {
      @Override
      public void increment(String name, long amount, String... labels) {}

      @Override
      public void observe(String name, double value, String... labels) {}

      @Override
      public void gauge(String name, double value, String... labels) {}
    };
  }
}
