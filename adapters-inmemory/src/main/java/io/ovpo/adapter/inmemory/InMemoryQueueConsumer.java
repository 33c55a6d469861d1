package io.ovpo.adapter.inmemory;

import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A member of a consumer group; its state is guarded by the queue's lock. */
final class InMemoryQueueConsumer implements QueueConsumer {
  private final InMemoryIngestQueue queue;
  final QueueGroup group;
  final Set<Lease> leases = new HashSet<>();
  boolean closed;

  InMemoryQueueConsumer(InMemoryIngestQueue queue, QueueGroup group) {
    this.queue = queue;
    this.group = group;
  }

  @Override
  public List<Delivery> poll(int max, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1 (was " + max + ")");
    }
    return queue.poll(this, max, wait);
  }

  @Override
  public void close() {
    queue.leave(this);
  }
}
