package io.ovpo.adapter.kafka;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A member of a consumer group with per-message settling over offset commits (see {@link
 * PartitionLedger}) and delivery counts kept in the commit metadata (see {@link AttemptMetadata}).
 *
 * <p>Redelivery stays with the partition's owner: a nacked record comes back after its delay, and a
 * record not settled within the ack wait comes back too, both with the next attempt, measured on
 * the builder's clock. When the owner leaves or dies, the group hands the partition to another
 * member, which resumes at the committed offset; records after it that were already acked are then
 * delivered again (at-least-once). A nack keeps order among records the owner redelivers only as
 * far as their due times do: a later record of the same key may be handed out meanwhile.
 *
 * <p>Every use of the Kafka client happens under one lock: the polling thread holds it, and a
 * settle from any thread commits at once when the lock is free (otherwise the next poll commits).
 */
final class KafkaQueueConsumer implements QueueConsumer {
  private static final System.Logger LOG = System.getLogger(KafkaQueueConsumer.class.getName());

  private final KafkaSession session;
  private final String group;
  private final Consumer<KafkaQueueConsumer> onClose;
  private final ReentrantLock lock = new ReentrantLock();
  private final PartitionLedgers ledgers = new PartitionLedgers();
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean closed;

  KafkaQueueConsumer(KafkaSession session, String group, Consumer<KafkaQueueConsumer> onClose) {
    this.session = session;
    this.group = group;
    this.onClose = onClose;
  }

  @Override
  public List<Delivery> poll(int max, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    Objects.requireNonNull(wait, "wait");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("consumer closed");
      }
      if (consumer == null) {
        consumer = new KafkaConsumer<>(KafkaClients.consumer(session.settings, group));
        consumer.subscribe(List.of(session.settings.topic()), new Rebalance());
      }
      commit(false);
      long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
      List<Delivery> out = new ArrayList<>();
      // always poll the client once, so group membership and callbacks stay current
      fetch(hasReady() ? Duration.ZERO : untilNextDue(deadline));
      while (true) {
        takeDue(out, max);
        takeBuffered(out, max);
        if (!out.isEmpty() || System.nanoTime() >= deadline) {
          break;
        }
        fetch(untilNextDue(deadline));
      }
      if (!out.isEmpty()) {
        commit(true); // delivery counts are durable before anyone processes these
      }
      reportLag();
      return out;
    } catch (WakeupException e) {
      return List.of(); // close() from another thread; nothing was handed out
    } catch (KafkaException e) {
      throw new QueueUnavailableException("kafka", "poll failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  int maxDeliver() {
    return session.settings.maxDeliver();
  }

  KafkaDeadLetters deadLetters() {
    return session.deadLetters;
  }

  /** Acked or dead-lettered. */
  void settled(TopicPartition tp, long offset) {
    lock.lock();
    try {
      ledgers.get(tp).ifPresent(l -> l.done(offset));
    } finally {
      lock.unlock();
    }
    commitIfIdle();
  }

  void nacked(TopicPartition tp, long offset, int attempt, Duration delay) {
    lock.lock();
    try {
      Instant at = session.settings.clock().instant().plus(delay);
      ledgers.get(tp).flatMap(l -> l.current(offset, attempt)).ifPresent(o -> o.redeliverAt = at);
    } finally {
      lock.unlock();
    }
  }

  private boolean hasReady() {
    Instant now = session.settings.clock().instant();
    return !buffer.isEmpty()
        || ledgers.nextDue(session.settings.ackWait()).filter(t -> !t.isAfter(now)).isPresent();
  }

  /** Time left until the deadline, or until the next redelivery falls due if sooner. */
  private Duration untilNextDue(long deadline) {
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    Optional<Instant> due = ledgers.nextDue(session.settings.ackWait());
    if (due.isEmpty()) {
      return left;
    }
    Duration d = Duration.between(session.settings.clock().instant(), due.get());
    return d.isNegative() ? Duration.ZERO : (d.compareTo(left) < 0 ? d : left);
  }

  private void fetch(Duration timeout) {
    Set<TopicPartition> assigned = consumer.assignment();
    if (buffer.isEmpty()) {
      consumer.resume(consumer.paused());
    } else {
      consumer.pause(assigned); // enough in hand: keep membership without fetching more
    }
    consumer.poll(timeout).forEach(buffer::add);
  }

  private void takeDue(List<Delivery> out, int max) {
    ledgers.takeDue(
        session.settings.clock().instant(),
        session.settings.ackWait(),
        max - out.size(),
        (tp, o) -> ledgers.get(tp).flatMap(l -> handOut(tp, l, o)).ifPresent(out::add));
  }

  private void takeBuffered(List<Delivery> out, int max) {
    Instant now = session.settings.clock().instant();
    while (out.size() < max && !buffer.isEmpty()) {
      ConsumerRecord<byte[], byte[]> r = buffer.poll();
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      ledgers.get(tp).flatMap(l -> handOut(tp, l, l.handOut(r, now))).ifPresent(out::add);
    }
  }

  /** The delivery to return, or empty when the record went to the dead-letter topic instead. */
  private Optional<Delivery> handOut(
      TopicPartition tp, PartitionLedger ledger, PartitionLedger.Open o) {
    ConsumerRecord<byte[], byte[]> r = o.record;
    int maxDeliver = session.settings.maxDeliver();
    try {
      Envelope envelope = EnvelopeHeaders.parse(r.headers(), r.value(), o.attempt);
      if (o.attempt > maxDeliver) {
        String reason =
            "not acked after " + maxDeliver + " deliveries (ack timeout or consumer lost)";
        session.deadLetters.write(envelope.withAttempt(maxDeliver), reason);
        ledger.done(r.offset());
        return Optional.empty();
      }
      return Optional.of(new KafkaDelivery(this, tp, r.offset(), envelope));
    } catch (IllegalArgumentException unreadable) {
      try {
        session.deadLetters.writeRaw(
            r, o.attempt, "unreadable envelope: " + unreadable.getMessage());
        ledger.done(r.offset());
      } catch (RuntimeException e) {
        o.redeliverAt = session.settings.clock().instant().plusSeconds(1);
      }
      return Optional.empty();
    } catch (RuntimeException deadLetterTopicDown) {
      o.redeliverAt = session.settings.clock().instant().plusSeconds(1); // try again later
      return Optional.empty();
    }
  }

  private void commitIfIdle() {
    if (lock.tryLock()) {
      try {
        if (consumer != null && !closed) {
          commit(false);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Commits every ledger whose offset or counts changed; failures are retried next time. */
  private void commit(boolean sync) {
    commit(ledgers.pendingCommits(), sync);
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> pending, boolean sync) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      if (sync) {
        consumer.commitSync(pending, session.settings.requestTimeout());
      } else {
        consumer.commitAsync(
            pending,
            (offsets, error) -> {
              if (error != null) {
                LOG.log(Level.DEBUG, "kafka: commit failed, retried on next poll", error);
                ledgers.uncommitted(offsets.keySet());
              }
            });
      }
      ledgers.committed(pending);
    } catch (KafkaException e) {
      LOG.log(Level.DEBUG, "kafka: commit failed, retried on next poll", e);
    }
  }

  private void reportLag() {
    Set<TopicPartition> assigned = consumer.assignment();
    long lag = buffer.size() + ledgers.openCount(assigned);
    for (TopicPartition tp : assigned) {
      lag += consumer.currentLag(tp).orElse(0);
    }
    session.settings.metrics().gauge("queue_consumer_lag", lag, "queue", "kafka", "group", group);
  }

  @Override
  public void close() {
    KafkaConsumer<byte[], byte[]> client = consumer;
    if (client != null && lock.isLocked() && !lock.isHeldByCurrentThread()) {
      client.wakeup(); // a poll blocked in another thread returns now
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (consumer != null) {
        commit(true); // open records keep their counts; the next owner continues them
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      }
    } catch (KafkaException e) {
      LOG.log(Level.DEBUG, "kafka: consumer did not close cleanly", e);
    } finally {
      ledgers.clear();
      buffer.clear();
      lock.unlock();
      onClose.accept(this);
    }
  }

  /** Keeps the ledgers in step with the partitions this member owns. Runs inside poll. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commit(ledgers.pendingCommits(partitions), true);
      drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed;
      try {
        committed =
            consumer.committed(new HashSet<>(partitions), session.settings.requestTimeout());
      } catch (KafkaException e) {
        committed = Map.of(); // counts restart at 1 rather than leaving the partitions unserved
      }
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata oam = committed.get(tp);
        ledgers.assign(
            tp, oam == null ? Map.of() : AttemptMetadata.decode(oam.offset(), oam.metadata()));
      }
    }

    private void drop(Collection<TopicPartition> partitions) {
      ledgers.drop(partitions);
      buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }
}
