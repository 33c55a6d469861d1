package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A member of a consumer group: it pulls only from the partitions it leases (see {@link
 * PartitionLeases}), so one partition's envelopes, and with them every partition key's, are in the
 * hands of one member at a time and come in publish order.
 *
 * <p>Joining happens on the first poll; the leases are renewed and the share rebalanced every
 * heartbeat, inside polls: a member that stops polling for longer than the lease TTL loses its
 * partitions to the others, which then receive its un-acked envelopes once their ack wait has
 * passed. The attempt is the server's delivery count; a delivery past {@code maxDeliver} is
 * dead-lettered here instead of handed out (the server-side limit is off, so a consumer that dies
 * mid-way cannot strand a message).
 */
final class NatsQueueConsumer implements QueueConsumer {
  private final NatsSession session;
  private final String group;
  private final String durable;
  private final Consumer<NatsQueueConsumer> onClose;
  private final Set<NatsDelivery> unsettled = ConcurrentHashMap.newKeySet();

  /** The server's pending count per partition, as last seen on a delivery (the lag gauge). */
  private final Map<Integer, Long> pending = new HashMap<>();

  private PartitionPuller puller;
  private PartitionLeases leases;
  private long nextRenewal;
  private long trustedUntil;
  private volatile boolean closed;

  NatsQueueConsumer(
      NatsSession session, String group, String durable, Consumer<NatsQueueConsumer> onClose) {
    this.session = session;
    this.group = group;
    this.durable = durable;
    this.onClose = onClose;
  }

  @Override
  public List<Delivery> poll(int max, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    if (wait == null) {
      throw new NullPointerException("wait");
    }
    if (closed) {
      throw new IllegalStateException("consumer closed");
    }
    List<Delivery> out = new ArrayList<>();
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    try {
      maintain();
      while (true) {
        handOut(out, max);
        pullAvailable(out, max);
        long left = deadline - System.nanoTime();
        if (!out.isEmpty() || left <= 0) {
          break;
        }
        puller.awaitAny(trusted(), Math.min(left, nextRenewal - System.nanoTime()));
        maintain();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      if (!closed) {
        throw new QueueUnavailableException("nats", "connection closed", e);
      }
      // closed from another thread while waiting: return what was handed out
    } catch (IOException | JetStreamApiException e) {
      throw new QueueUnavailableException(
          "nats", "consumer group " + group + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Joins on the first call; then renews the leases and rebalances once per heartbeat. */
  private void maintain() throws IOException, JetStreamApiException, InterruptedException {
    long now = System.nanoTime();
    if (leases != null && now - nextRenewal < 0) {
      return;
    }
    if (leases == null) {
      String member = UUID.randomUUID().toString().replace("-", "");
      leases =
          new PartitionLeases(
              session.leases.open(), durable, member, session.settings.partitions());
      puller = new PartitionPuller(session, durable, session.connection.createInbox());
    }
    nextRenewal = now + session.leases.heartbeat().toNanos();
    for (int p : leases.renew()) {
      puller.discard(p); // taken over after our lease lapsed: what we fetched goes back
    }
    trustedUntil = now + session.leases.trusted().toNanos();
    puller.drain();
    leases.rebalance(this::releasable);
  }

  /** The leased partitions, while the last renewal is recent enough to rely on. */
  private List<Integer> trusted() {
    return System.nanoTime() - trustedUntil < 0 ? List.copyOf(leases.owned()) : List.of();
  }

  /** Nothing of the partition is in hand: no delivery unsettled, none fetched, no pull open. */
  private boolean releasable(int p) {
    return puller.idle(p) && unsettled.stream().noneMatch(d -> d.partition() == p);
  }

  private void handOut(List<Delivery> out, int max) throws InterruptedException {
    for (Message m : puller.take(max - out.size())) {
      int p = session.settings.partitionOf(m.getSubject());
      if (!leases.owns(p)) {
        m.nak(); // a late answer to a pull of a partition given up since
        continue;
      }
      accept(m, p).ifPresent(out::add);
    }
  }

  private void pullAvailable(List<Delivery> out, int max) throws InterruptedException {
    for (int p : trusted()) {
      if (out.size() >= max) {
        return;
      }
      puller.fetchAvailable(p, max - out.size());
      handOut(out, max);
    }
  }

  /** The delivery to hand out, or empty when the message went to the dead-letter stream. */
  private Optional<Delivery> accept(Message m, int partition) {
    NatsJetStreamMetaData meta = m.metaData();
    pending.put(partition, meta.pendingCount());
    long lag = pending.values().stream().mapToLong(Long::longValue).sum();
    session.settings.metrics().gauge("queue_consumer_lag", lag, "queue", "nats", "group", group);
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
        new NatsDelivery(
            m, envelope, partition, session.deadLetters, maxDeliver, unsettled::remove);
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

  /** Hands back what it holds, then gives its partitions back so others take over at once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (NatsDelivery d : List.copyOf(unsettled)) {
        d.release();
      }
      if (puller != null) {
        puller.close();
      }
      if (leases != null) {
        leases.leave();
      }
      session.connection.flush(session.settings.requestTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException
        | IllegalStateException
        | IOException
        | JetStreamApiException
        | QueueUnavailableException e) {
      // connection closed or slow: the leases expire and the server redelivers after ack-wait
    } finally {
      onClose.accept(this);
    }
  }
}
