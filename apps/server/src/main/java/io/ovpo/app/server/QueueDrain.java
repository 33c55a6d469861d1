package io.ovpo.app.server;

import io.ovpo.ports.out.IngestQueue;
import java.time.Duration;

/** Waits, at shutdown, until the processor workers have taken everything off the queue. */
final class QueueDrain {
  private static final long POLL_MILLIS = 50;

  private QueueDrain() {}

  /**
   * @return true when the queue reported no pending envelope before {@code timeout}; a queue whose
   *     depth cannot be read counts as drained (its broker keeps what is left)
   */
  static boolean await(IngestQueue queue, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long depth;
      try {
        depth = queue.depth();
      } catch (RuntimeException e) {
        return true;
      }
      if (depth <= 0) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
