package io.ovpo.adapter.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A consumer group's view of the queue: messages ready to deliver, messages waiting out a nack
 * delay, and leases ordered by deadline. Guarded by the queue's lock.
 *
 * <p>Ready messages are kept per partition key, in publish order. A key whose envelopes are lent to
 * a consumer is held until every one of them is settled or returned: no other consumer gets that
 * key's envelopes meanwhile, so one key's envelopes are processed in order even with many consumers
 * (the port's per-key order, as a Kafka partition gives it). Free keys are handed out oldest head
 * first, and a redelivery goes before its key's newer envelopes.
 */
final class QueueGroup {
  final String name;
  private final Map<String, TreeMap<Long, QueuedMessage>> readyByKey = new HashMap<>();

  /** Head sequence → key, for keys with ready messages that no consumer holds. */
  private final TreeMap<Long, String> freeHeads = new TreeMap<>();

  /** Key → number of its envelopes currently lent. */
  private final Map<String, Integer> held = new HashMap<>();

  final PriorityQueue<QueuedMessage> delayed =
      new PriorityQueue<>(
          Comparator.comparing((QueuedMessage m) -> m.readyAt).thenComparingLong(m -> m.seq));
  final PriorityQueue<Lease> leases =
      new PriorityQueue<>(Comparator.comparing((Lease l) -> l.deadline));
  long unsettled;

  QueueGroup(String name) {
    this.name = name;
  }

  /** A newly published message. */
  void add(QueuedMessage m) {
    makeReady(m);
    unsettled++;
  }

  /** Makes a message deliverable (new, redelivered or done waiting). */
  void makeReady(QueuedMessage m) {
    String key = m.key();
    TreeMap<Long, QueuedMessage> queue = readyByKey.computeIfAbsent(key, k -> new TreeMap<>());
    Long oldHead = queue.isEmpty() ? null : queue.firstKey();
    queue.put(m.seq, m);
    if (!held.containsKey(key)) {
      if (oldHead != null) {
        freeHeads.remove(oldHead);
      }
      freeHeads.put(queue.firstKey(), key);
    }
  }

  /** True when some key has a message that can be lent now. */
  boolean hasDeliverable() {
    return !freeHeads.isEmpty();
  }

  /**
   * Takes up to {@code max} deliverable messages: whole runs of one key at a time, oldest key
   * first; the keys taken become held.
   */
  List<QueuedMessage> take(int max) {
    List<QueuedMessage> out = new ArrayList<>();
    while (out.size() < max && !freeHeads.isEmpty()) {
      String key = freeHeads.pollFirstEntry().getValue();
      TreeMap<Long, QueuedMessage> queue = readyByKey.get(key);
      int taken = 0;
      while (out.size() < max && !queue.isEmpty()) {
        out.add(queue.pollFirstEntry().getValue());
        taken++;
      }
      if (queue.isEmpty()) {
        readyByKey.remove(key);
      }
      held.merge(key, taken, Integer::sum);
    }
    return out;
  }

  /**
   * One lent message of the key is settled or returned; when it was the key's last, the key is free
   * again.
   *
   * @return true when the key became free with messages waiting
   */
  boolean release(String key) {
    Integer n = held.get(key);
    if (n == null) {
      return false;
    }
    if (n > 1) {
      held.put(key, n - 1);
      return false;
    }
    held.remove(key);
    TreeMap<Long, QueuedMessage> queue = readyByKey.get(key);
    if (queue == null) {
      return false;
    }
    freeHeads.put(queue.firstKey(), key);
    return true;
  }

  /** Moves messages whose nack delay has passed back to the ready set. */
  void promoteDelayed(Instant now) {
    while (!delayed.isEmpty() && !delayed.peek().readyAt.isAfter(now)) {
      makeReady(delayed.poll());
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
