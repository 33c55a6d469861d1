package io.ovpo.app.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link ProcessorWorkers}.
 *
 * @param group the consumer group every processor joins (spec 03 §6: {@code ovpo-processor})
 * @param workers consumer threads, each with its own queue consumer
 * @param pollBatch most envelopes one worker holds at a time; with {@code workers} it bounds the
 *     envelopes in memory (each at most 10 MiB)
 * @param pollWait how long one poll waits for an envelope; also how quickly a drain is noticed
 * @param backoffBase redelivery delay after the first failed attempt; doubles per attempt
 * @param backoffCap the longest redelivery delay, and the longest pause of a worker whose stores
 *     keep failing
 * @param maxDeliveries the attempt at which an envelope that still fails transiently is
 *     dead-lettered with its error (the queue's own maximum, default 5, does it otherwise)
 */
public record WorkerSettings(
    String group,
    int workers,
    int pollBatch,
    Duration pollWait,
    Duration backoffBase,
    Duration backoffCap,
    int maxDeliveries) {
  public static final String DEFAULT_GROUP = "ovpo-processor";

  public WorkerSettings {
    Objects.requireNonNull(group, "group");
    if (group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank");
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be in 1..256 (was " + workers + ")");
    }
    if (pollBatch < 1 || pollBatch > 1000) {
      throw new IllegalArgumentException("pollBatch must be in 1..1000 (was " + pollBatch + ")");
    }
    positive("pollWait", pollWait);
    positive("backoffBase", backoffBase);
    positive("backoffCap", backoffCap);
    if (maxDeliveries < 1) {
      throw new IllegalArgumentException("maxDeliveries must be positive");
    }
  }

  /** {@code workers} threads, 8 envelopes each, 250 ms polls, backoff 1 s doubling to 30 s. */
  public static WorkerSettings defaults(int workers) {
    return new WorkerSettings(
        DEFAULT_GROUP,
        Math.max(1, workers),
        8,
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        5);
  }

  /** Delay before redelivering an envelope whose {@code attempt} failed (1-based). */
  public Duration backoff(int attempt) {
    int shift = Math.min(Math.max(attempt, 1) - 1, 30);
    Duration d = backoffBase.multipliedBy(1L << shift);
    return d.compareTo(backoffCap) > 0 ? backoffCap : d;
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
