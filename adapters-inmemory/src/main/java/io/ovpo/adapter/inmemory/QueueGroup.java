package io.ovpo.adapter.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A consumer group's view of the queue: messages ready to deliver (in publish order, so one
 * partition key's envelopes keep their order and a redelivery goes before newer envelopes),
 * messages waiting out a nack delay, and leases ordered by deadline. Guarded by the queue's lock.
 */
final class QueueGroup {
  final String name;
  final TreeMap<Long, QueuedMessage> ready = new TreeMap<>();
  final PriorityQueue<QueuedMessage> delayed =
      new PriorityQueue<>(
          Comparator.comparing((QueuedMessage m) -> m.readyAt).thenComparingLong(m -> m.seq));
  final PriorityQueue<Lease> leases =
      new PriorityQueue<>(Comparator.comparing((Lease l) -> l.deadline));
  long unsettled;

  QueueGroup(String name) {
    this.name = name;
  }

  void add(QueuedMessage m) {
    ready.put(m.seq, m);
    unsettled++;
  }

  /** Moves messages whose nack delay has passed back to the ready set. */
  void promoteDelayed(Instant now) {
    while (!delayed.isEmpty() && !delayed.peek().readyAt.isAfter(now)) {
      QueuedMessage m = delayed.poll();
      ready.put(m.seq, m);
    }
  }

  /** The next expired active lease, or null; inactive leases met on the way are dropped. */
  Lease pollExpired(Instant now) {
    while (!leases.isEmpty()) {
      Lease head = leases.peek();
      if (!head.active) {
        leases.poll();
      } else if (!head.deadline.isAfter(now)) {
        return leases.poll();
      } else {
        return null;
      }
    }
    return null;
  }

  /** When the next lease expires or delayed message becomes ready, or null when none. */
  Instant nextEvent() {
    while (!leases.isEmpty() && !leases.peek().active) {
      leases.poll();
    }
    Instant next = leases.isEmpty() ? null : leases.peek().deadline;
    if (!delayed.isEmpty() && (next == null || delayed.peek().readyAt.isBefore(next))) {
      next = delayed.peek().readyAt;
    }
    return next;
  }
}
