package io.ovpo.adapter.inmemory;

import java.time.Instant;

/**
 * A delivery in flight: the message is lent to one consumer until {@code deadline}. Inactive once
 * settled, expired or returned; guarded by the queue's lock.
 */
final class Lease {
  final QueuedMessage message;
  final QueueGroup group;
  final InMemoryQueueConsumer owner;
  final Instant deadline;
  boolean active = true;

  Lease(QueuedMessage message, QueueGroup group, InMemoryQueueConsumer owner, Instant deadline) {
    this.message = message;
    this.group = group;
    this.owner = owner;
    this.deadline = deadline;
  }
}
