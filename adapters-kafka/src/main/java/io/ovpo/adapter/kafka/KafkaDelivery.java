package io.ovpo.adapter.kafka;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * One delivery of a record. Settling updates the consumer's ledger; the offset commit follows at
 * once when the consumer is idle, else at its next poll. A nack keeps the record with its consumer
 * and redelivers it after the delay; a nack of the last allowed attempt is a dead letter.
 */
final class KafkaDelivery implements Delivery {
  private final KafkaQueueConsumer consumer;
  private final TopicPartition partition;
  private final long offset;
  private final Envelope envelope;
  private final AtomicBoolean settled = new AtomicBoolean();

  KafkaDelivery(
      KafkaQueueConsumer consumer, TopicPartition partition, long offset, Envelope envelope) {
    this.consumer = consumer;
    this.partition = partition;
    this.offset = offset;
    this.envelope = envelope;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void ack() {
    if (settled.compareAndSet(false, true)) {
      consumer.settled(partition, offset);
    }
  }

  @Override
  public void nack(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (envelope.attempt() >= consumer.maxDeliver() && !settled.get()) {
      try {
        deadLetter("nacked on the last of " + consumer.maxDeliver() + " attempts");
        return;
      } catch (RuntimeException e) {
        // dead-letter topic unreachable: redeliver; the next hand-out dead-letters it
      }
    }
    if (settled.compareAndSet(false, true)) {
      consumer.nacked(
          partition, offset, envelope.attempt(), delay.isNegative() ? Duration.ZERO : delay);
    }
  }

  @Override
  public void deadLetter(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a dead letter needs a reason");
    }
    if (settled.get()) {
      return;
    }
    consumer.deadLetters().write(envelope, reason);
    if (settled.compareAndSet(false, true)) {
      consumer.settled(partition, offset);
    }
  }
}
