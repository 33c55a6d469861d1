package io.ovpo.adapter.nats;

import io.nats.client.Message;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One JetStream delivery. Ack and nack are fire-and-forget (a lost ack means a redelivery, which
 * at-least-once allows); the consumer flushes them on close. A dead letter returns only after the
 * dead-letter stream stored it, then terminates the message so it is never redelivered; a nack of
 * the last allowed attempt is such a dead letter.
 */
final class NatsDelivery implements Delivery {
  private final Message message;
  private final Envelope envelope;
  private final int partition;
  private final NatsDeadLetters deadLetters;
  private final int maxDeliver;
  private final Consumer<NatsDelivery> onSettled;
  private final AtomicBoolean settled = new AtomicBoolean();

  NatsDelivery(
      Message message,
      Envelope envelope,
      int partition,
      NatsDeadLetters deadLetters,
      int maxDeliver,
      Consumer<NatsDelivery> onSettled) {
    this.message = message;
    this.envelope = envelope;
    this.partition = partition;
    this.deadLetters = deadLetters;
    this.maxDeliver = maxDeliver;
    this.onSettled = onSettled;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  /** The partition the envelope was pulled from. */
  int partition() {
    return partition;
  }

  @Override
  public void ack() {
    if (settle()) {
      message.ack();
    }
  }

  @Override
  public void nack(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (envelope.attempt() >= maxDeliver && !settled.get()) {
      try {
        deadLetter("nacked on the last of " + maxDeliver + " attempts");
        return;
      } catch (RuntimeException e) {
        // dead-letter stream unreachable: redeliver; the next poll dead-letters it
      }
    }
    if (settle()) {
      if (delay.isNegative() || delay.isZero()) {
        message.nak();
      } else {
        message.nakWithDelay(delay);
      }
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
    deadLetters.write(message, envelope, reason);
    if (settle()) {
      message.term();
    }
  }

  /** Used by the consumer on close: hand the message back for immediate redelivery. */
  void release() {
    if (settle()) {
      message.nak();
    }
  }

  private boolean settle() {
    if (settled.compareAndSet(false, true)) {
      onSettled.accept(this);
      return true;
    }
    return false;
  }
}
