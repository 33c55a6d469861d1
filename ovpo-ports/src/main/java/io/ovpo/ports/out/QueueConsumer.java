package io.ovpo.ports.out;

import java.time.Duration;
import java.util.List;

/** One member of a consumer group. Not thread-safe: one polling thread per consumer. */
public interface QueueConsumer extends AutoCloseable {
  /**
   * Waits up to {@code wait} for at least one envelope and returns at most {@code max}. Empty when
   * nothing arrived in time.
   */
  List<Delivery> poll(int max, Duration wait);

  /** Leaves the group; un-acked deliveries will be redelivered to other members. */
  @Override
  void close();
}
