package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import java.time.Duration;

/** One delivery; settling goes through the queue's lock, and only the first settle counts. */
final class InMemoryDelivery implements Delivery {
  private final InMemoryIngestQueue queue;
  private final Lease lease;
  private final Envelope envelope;

  InMemoryDelivery(InMemoryIngestQueue queue, Lease lease, Envelope envelope) {
    this.queue = queue;
    this.lease = lease;
    this.envelope = envelope;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void ack() {
    queue.ack(lease);
  }

  @Override
  public void nack(Duration delay) {
    queue.nack(lease, delay.isNegative() ? Duration.ZERO : delay);
  }

  @Override
  public void deadLetter(String reason) {
    queue.deadLetter(lease, reason);
  }
}
