package io.ovpo.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link ProcessorService}.
 *
 * @param reconcileDelay how long after a late item a terminal trace's verdict is recomputed (lets a
 *     burst of late items settle first); well under the 5 s consistency target
 * @param casAttempts compare-and-set tries of one trace write before giving up as transient
 * @param lockStripes number of per-trace locks shared by the workers of one process
 * @param eventPageSize page size when reading a trace's frame events for the checks
 */
public record ProcessorSettings(
    Duration reconcileDelay, int casAttempts, int lockStripes, int eventPageSize) {
  public static final ProcessorSettings DEFAULT =
      new ProcessorSettings(Duration.ofSeconds(2), 16, 256, 10_000);

  public ProcessorSettings {
    Objects.requireNonNull(reconcileDelay, "reconcileDelay");
    if (reconcileDelay.isNegative()) {
      throw new IllegalArgumentException("reconcileDelay must not be negative");
    }
    if (casAttempts < 1 || lockStripes < 1) {
      throw new IllegalArgumentException("casAttempts and lockStripes must be positive");
    }
    if (eventPageSize < 1 || eventPageSize > 100_000) {
      throw new IllegalArgumentException("eventPageSize must be in 1..100000");
    }
  }

  public static ProcessorSettings defaults() {
    return DEFAULT;
  }
}
