package io.ovpo.adapter.inmemory;

import io.ovpo.ports.error.MessageTooLargeException;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ingest queue in one process: every consumer group gets every envelope; within a group each
 * envelope is lent to one consumer until it is acked, nacked, dead-lettered, its ack timeout passes
 * or its consumer leaves. Envelopes published before any group exists wait for the first one. While
 * one of a partition key's envelopes is lent, the key's others wait (see {@link QueueGroup}), so
 * several consumers never apply one trace's envelopes out of order. Bounded: a publish that would
 * exceed the depth cap is refused (the collector answers 503), never dropped. One lock and one
 * condition: consumers block in {@code poll} until an envelope, a lease expiry or a nack delay
 * wakes them.
 */
final class InMemoryIngestQueue implements IngestQueue {
  private final Clock clock;
  private final int maxDeliveries;
  private final Duration ackTimeout;
  private final long maxDepth;
  private final int maxDeadLetters;
  private final Evictions evictions;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, QueueGroup> groups = new HashMap<>();
  private final ArrayDeque<Envelope> backlog = new ArrayDeque<>();
  private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();
  private long nextSeq;
  private boolean closed;

  InMemoryIngestQueue(
      Clock clock,
      int maxDeliveries,
      Duration ackTimeout,
      long maxDepth,
      int maxDeadLetters,
      Evictions evictions) {
    this.clock = clock;
    this.maxDeliveries = maxDeliveries;
    this.ackTimeout = ackTimeout;
    this.maxDepth = maxDepth;
    this.maxDeadLetters = maxDeadLetters;
    this.evictions = evictions;
  }

  @Override
  public void publish(List<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      if (e.sizeBytes() > Envelope.MAX_BYTES) {
        throw new MessageTooLargeException(e.sizeBytes(), Envelope.MAX_BYTES);
      }
    }
    if (envelopes.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        throw new QueueUnavailableException(Health.COMPONENT, "queue is closed", null);
      }
      if (depthLocked() + envelopes.size() > maxDepth) {
        evictions.add(EvictionKind.QUEUE_REFUSED, envelopes.size());
        throw new QueueUnavailableException(
            Health.COMPONENT, "queue is full (" + maxDepth + " envelopes)", null);
      }
      for (Envelope e : envelopes) {
        long seq = nextSeq++;
        if (groups.isEmpty()) {
          backlog.add(e);
        }
        for (QueueGroup g : groups.values()) {
          g.add(new QueuedMessage(seq, e));
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public QueueConsumer consumer(String group) {
    lock.lock();
    try {
      QueueGroup g = groups.get(group);
      if (g == null) {
        g = new QueueGroup(group);
        if (groups.isEmpty()) {
          while (!backlog.isEmpty()) {
            g.add(new QueuedMessage(nextSeq++, backlog.poll()));
          }
        }
        groups.put(group, g);
      }
      return new InMemoryQueueConsumer(this, g);
    } finally {
      lock.unlock();
    }
  }

  List<Delivery> poll(InMemoryQueueConsumer c, int max, Duration wait) {
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    lock.lock();
    try {
      while (true) {
        if (c.closed || closed) {
          return List.of();
        }
        Instant now = clock.instant();
        maintain(c.group, now);
        if (c.group.hasDeliverable()) {
          return lend(c, max, now);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return List.of();
        }
        Instant next = c.group.nextEvent();
        long untilNext = next == null ? Long.MAX_VALUE : Math.max(1, nanosBetween(now, next));
        changed.awaitNanos(Math.min(left, untilNext));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  private List<Delivery> lend(InMemoryQueueConsumer c, int max, Instant now) {
    List<QueuedMessage> taken = c.group.take(max);
    List<Delivery> out = new ArrayList<>(taken.size());
    for (QueuedMessage m : taken) {
      m.deliveries++;
      Lease lease = new Lease(m, c.group, c, now.plus(ackTimeout));
      c.group.leases.add(lease);
      c.leases.add(lease);
      out.add(new InMemoryDelivery(this, lease, m.envelope.withAttempt(m.deliveries)));
    }
    return out;
  }

  /** Redelivers expired leases and promotes delayed messages that are due. */
  private void maintain(QueueGroup g, Instant now) {
    for (Lease expired = g.pollExpired(now); expired != null; expired = g.pollExpired(now)) {
      end(expired);
      retry(expired, Duration.ZERO, "ack timeout", now);
    }
    g.promoteDelayed(now);
  }

  void ack(Lease lease) {
    settle(lease, null);
  }

  void deadLetter(Lease lease, String reason) {
    settle(lease, reason == null || reason.isBlank() ? "dead-lettered" : reason);
  }

  private void settle(Lease lease, String deadLetterReason) {
    lock.lock();
    try {
      if (!lease.active) {
        return;
      }
      end(lease);
      lease.group.unsettled--;
      if (deadLetterReason != null) {
        bury(lease.message, deadLetterReason, clock.instant());
      }
      changed.signalAll(); // the lease's key may be free for another consumer now
    } finally {
      lock.unlock();
    }
  }

  void nack(Lease lease, Duration delay) {
    lock.lock();
    try {
      if (lease.active) {
        end(lease);
        retry(lease, delay, "nacked", clock.instant());
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  void leave(InMemoryQueueConsumer c) {
    lock.lock();
    try {
      if (c.closed) {
        return;
      }
      c.closed = true;
      Instant now = clock.instant();
      for (Lease l : List.copyOf(c.leases)) {
        end(l);
        retry(l, Duration.ZERO, "consumer left", now);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void end(Lease lease) {
    lease.active = false;
    lease.owner.leases.remove(lease);
    lease.group.release(lease.message.key());
  }

  /** Makes the message available again, or dead-letters it once out of deliveries. */
  private void retry(Lease lease, Duration delay, String why, Instant now) {
    QueuedMessage m = lease.message;
    if (m.deliveries >= maxDeliveries) {
      lease.group.unsettled--;
      bury(m, why + " on the last of " + maxDeliveries + " deliveries", now);
    } else if (delay.isZero()) {
      lease.group.makeReady(m);
    } else {
      m.readyAt = now.plus(delay);
      lease.group.delayed.add(m);
    }
  }

  private void bury(QueuedMessage m, String reason, Instant now) {
    String r = reason.length() > 4096 ? reason.substring(0, 4096) : reason;
    deadLetters.add(new DeadLetter(m.envelope.withAttempt(Math.max(1, m.deliveries)), r, now));
    while (deadLetters.size() > maxDeadLetters) {
      deadLetters.poll();
      evictions.add(EvictionKind.DEAD_LETTERS, 1);
    }
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    lock.lock();
    try {
      return deadLetters.stream().limit(Math.max(0, max)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long depth() {
    lock.lock();
    try {
      return depthLocked();
    } finally {
      lock.unlock();
    }
  }

  private long depthLocked() {
    long deepest = 0;
    for (Entry<String, QueueGroup> g : groups.entrySet()) {
      deepest = Math.max(deepest, g.getValue().unsettled);
    }
    return backlog.size() + deepest;
  }

  @Override
  public HealthStatus check() {
    lock.lock();
    try {
      return closed ? HealthStatus.down(Health.COMPONENT, "ingest queue closed") : Health.up();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static long nanosBetween(Instant from, Instant to) {
    try {
      return TimeUnit.SECONDS.toNanos(to.getEpochSecond() - from.getEpochSecond())
          + (to.getNano() - from.getNano());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
