package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.Envelope;
import java.time.Instant;

/** One envelope as one consumer group sees it. Mutable; guarded by the queue's lock. */
final class QueuedMessage {
  final long seq;
  final Envelope envelope;
  int deliveries;
  Instant readyAt = Instant.MIN;

  QueuedMessage(long seq, Envelope envelope) {
    this.seq = seq;
    this.envelope = envelope;
  }

  /** The partition key the queue keeps in order. */
  String key() {
    return envelope.partitionKey();
  }
}
