package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueueDrainTest {
  @Test
  void shutdown_waitsUntilTheWorkersEmptiedTheQueue() {
    FakeQueue queue = new FakeQueue(3, 1);
    assertThat(QueueDrain.await(queue, Duration.ofSeconds(30))).isTrue();
    assertThat(queue.depth()).isZero();
  }

  @Test
  void shutdown_givesUpOnAStuckQueueAfterTheTimeout() {
    FakeQueue queue = new FakeQueue(5, 0);
    assertThat(QueueDrain.await(queue, Duration.ofMillis(120))).isFalse();
  }

  @Test
  void queueWhoseDepthCannotBeRead_countsAsDrained() {
    FakeQueue queue = new FakeQueue(-1, 0);
    assertThat(QueueDrain.await(queue, Duration.ofSeconds(30))).isTrue();
  }

  /** A queue whose depth drops by {@code step} each time it is read; -1 makes depth() fail. */
  private static final class FakeQueue implements IngestQueue {
    private final AtomicLong depth;
    private final long step;

    FakeQueue(long depth, long step) {
      this.depth = new AtomicLong(depth);
      this.step = step;
    }

    @Override
    public long depth() {
      if (depth.get() < 0) {
        throw new IllegalStateException("broker unreachable");
      }
      return depth.getAndUpdate(d -> Math.max(0, d - step));
    }

    @Override
    public void publish(List<Envelope> envelopes) {}

    @Override
    public QueueConsumer consumer(String group) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
      return List.of();
    }

    @Override
    public HealthStatus check() {
      return HealthStatus.up("fake");
    }

    @Override
    public void close() {}
  }
}
