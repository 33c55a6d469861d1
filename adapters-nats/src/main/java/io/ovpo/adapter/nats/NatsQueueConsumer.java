package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A member of a durable pull consumer. Each poll sends one pull request with {@code no_wait} and
 * {@code expires}: the server returns what is available at once, or waits up to {@code expires} for
 * the first message, and ends the request with a status message. The attempt is the server's
 * delivery count; a delivery past {@code maxDeliver} is dead-lettered here instead of handed out
 * (the server-side limit is off, so a consumer that dies mid-way cannot strand a message).
 */
final class NatsQueueConsumer implements QueueConsumer {
  /** How long past {@code expires} to wait for the server's end-of-request status. */
  private static final long GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  private static final long MS = Duration.ofMillis(1).toNanos();

  private final NatsSession session;
  private final String group;
  private final String durable;
  private final Consumer<NatsQueueConsumer> onClose;
  private final String inbox;
  private final Set<NatsDelivery> unsettled = ConcurrentHashMap.newKeySet();
  private Subscription subscription;
  private long pulls;
  private volatile boolean closed;

  NatsQueueConsumer(
      NatsSession session, String group, String durable, Consumer<NatsQueueConsumer> onClose) {
    this.session = session;
    this.group = group;
    this.durable = durable;
    this.onClose = onClose;
    this.inbox = session.connection.createInbox();
  }

  @Override
  public List<Delivery> poll(int max, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    Objects.requireNonNull(wait, "wait");
    if (closed) {
      throw new IllegalStateException("consumer closed");
    }
    if (subscription == null) {
      subscription = session.connection.subscribe(inbox + ".*");
    }
    List<Delivery> out = new ArrayList<>();
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    try {
      drainLeftovers(out, max);
      // deliveries that were dead-lettered instead of handed out do not end the wait
      while (out.isEmpty()) {
        long left = deadline - System.nanoTime();
        pullOnce(out, max, left);
        if (left <= 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      if (!closed) {
        throw new QueueUnavailableException("nats", "connection closed", e);
      }
      // closed from another thread while waiting: return what was handed out
    }
    return out;
  }

  /** Messages of an earlier pull that arrived after that poll stopped reading. */
  private void drainLeftovers(List<Delivery> out, int max) throws InterruptedException {
    while (out.size() < max && subscription.getPendingMessageCount() > 0) {
      Message m = subscription.nextMessage(Duration.ofMillis(1));
      if (m == null) {
        return;
      }
      if (!m.isStatusMessage() && m.isJetStream()) {
        accept(m).ifPresent(out::add);
      }
    }
  }

  private void pullOnce(List<Delivery> out, int max, long waitNanos) throws InterruptedException {
    int batch = max - out.size();
    String reply = inbox + "." + (++pulls);
    PullRequestOptions request =
        waitNanos >= MS
            ? PullRequestOptions.noWait(batch).expiresIn(Duration.ofNanos(waitNanos)).build()
            : PullRequestOptions.noWait(batch).build();
    session.connection.publish(session.nextSubject(durable), reply, request.serialize());
    long readUntil = System.nanoTime() + Math.max(0, waitNanos) + GRACE_NANOS;
    int received = 0;
    while (received < batch) {
      long left = readUntil - System.nanoTime();
      // never below 1 ms: the client reads a zero timeout as "wait forever"
      Message m = left > 0 ? subscription.nextMessage(Duration.ofNanos(Math.max(left, MS))) : null;
      if (m == null) {
        return;
      }
      if (m.isStatusMessage()) {
        if (!reply.equals(m.getSubject())) {
          continue; // the end of an earlier pull
        }
        int code = m.getStatus().getCode();
        if (code == 404 || code == 408) {
          return; // no messages, or expired / batch ended
        }
        throw new QueueUnavailableException(
            "nats", "pull from consumer " + durable + " failed: " + m.getStatus(), null);
      }
      if (m.isJetStream()) {
        received++;
        accept(m).ifPresent(out::add);
      }
    }
  }

  /** The delivery to hand out, or empty when the message went to the dead-letter stream. */
  private Optional<Delivery> accept(Message m) {
    NatsJetStreamMetaData meta = m.metaData();
    session
        .settings
        .metrics()
        .gauge("queue_consumer_lag", meta.pendingCount(), "queue", "nats", "group", group);
    int attempt = (int) Math.min(Integer.MAX_VALUE, meta.deliveredCount());
    Optional<Envelope> read;
    try {
      read = read(m, attempt);
    } catch (IllegalArgumentException e) {
      return deadLetterRaw(m, "unreadable envelope: " + e.getMessage());
    } catch (IOException | JetStreamApiException e) {
      m.nakWithDelay(Duration.ofSeconds(1)); // payload bucket unreachable: try again later
      return Optional.empty();
    }
    if (read.isEmpty()) {
      return deadLetterRaw(m, "payload object missing (expired or never stored)");
    }
    Envelope envelope = read.get();
    int maxDeliver = session.settings.maxDeliver();
    if (attempt > maxDeliver) {
      String reason =
          "not acked after " + maxDeliver + " deliveries (ack timeout or consumer lost)";
      return deadLetter(m, envelope.withAttempt(maxDeliver), reason);
    }
    NatsDelivery delivery =
        new NatsDelivery(m, envelope, session.deadLetters, maxDeliver, unsettled::remove);
    unsettled.add(delivery);
    return Optional.of(delivery);
  }

  /**
   * The envelope, or empty when its payload object is gone.
   *
   * @throws IllegalArgumentException when the headers do not describe an envelope
   */
  private Optional<Envelope> read(Message m, int attempt)
      throws IOException, JetStreamApiException {
    String ref =
        m.getHeaders() == null ? null : m.getHeaders().getFirst(EnvelopeHeaders.PAYLOAD_OBJECT);
    byte[] payload = m.getData() == null ? new byte[0] : m.getData();
    if (ref != null) {
      Optional<byte[]> stored = session.payloads.get(ref);
      if (stored.isEmpty()) {
        EnvelopeHeaders.parse(m.getHeaders(), payload, attempt); // unreadable headers win
        return Optional.empty();
      }
      payload = stored.get();
    }
    return Optional.of(EnvelopeHeaders.parse(m.getHeaders(), payload, attempt));
  }

  private Optional<Delivery> deadLetter(Message m, Envelope envelope, String reason) {
    try {
      session.deadLetters.write(m, envelope, reason);
      m.term();
    } catch (QueueUnavailableException e) {
      m.nakWithDelay(Duration.ofSeconds(1));
    }
    return Optional.empty();
  }

  private Optional<Delivery> deadLetterRaw(Message m, String reason) {
    try {
      session.deadLetters.writeRaw(m, reason);
      m.term();
    } catch (QueueUnavailableException e) {
      m.nakWithDelay(Duration.ofSeconds(1));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // hand un-acked deliveries back now rather than after ack-wait
      for (NatsDelivery d : List.copyOf(unsettled)) {
        d.release();
      }
      if (subscription != null) {
        Message m;
        while (subscription.getPendingMessageCount() > 0
            && (m = subscription.nextMessage(Duration.ofMillis(1))) != null) {
          if (!m.isStatusMessage() && m.isJetStream()) {
            m.nak();
          }
        }
        subscription.unsubscribe();
      }
      session.connection.flush(session.settings.requestTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | IllegalStateException e) {
      // connection already closed or slow: the server redelivers after ack-wait anyway
    } finally {
      onClose.accept(this);
    }
  }
}
