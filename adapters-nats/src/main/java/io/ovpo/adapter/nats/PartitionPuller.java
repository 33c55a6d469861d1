package io.ovpo.adapter.nats;

import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;
import io.ovpo.ports.error.QueueUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Pull requests to the partitions' durable consumers of one member, answered on one inbox. At most
 * one request per partition is open at a time, so an arriving message of a partition counts against
 * that partition's request. Messages arrive in the server's order and wait in a FIFO until handed
 * out. A partition is idle when no request of it can still be answered and nothing of it waits:
 * only then may its lease be given back.
 */
final class PartitionPuller {
  /** How long past its end a request may still be answered by a slow server. */
  private static final long GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  /** Longest wait of one request: bounds how long a member closing waits for open requests. */
  private static final long MAX_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

  private static final long MS = Duration.ofMillis(1).toNanos();

  private final NatsSession session;
  private final String durable;
  private final String inbox;
  private final Subscription subscription;
  private final ArrayDeque<Message> fetched = new ArrayDeque<>();
  private final Map<Integer, OpenPull> open = new HashMap<>();
  private long requests;

  PartitionPuller(NatsSession session, String durable, String inbox) {
    this.session = session;
    this.durable = durable;
    this.inbox = inbox;
    this.subscription = session.connection.subscribe(inbox + ".*");
  }

  /** Up to {@code max} fetched messages, oldest first. */
  List<Message> take(int max) throws InterruptedException {
    drain();
    List<Message> out = new ArrayList<>();
    while (out.size() < max && !fetched.isEmpty()) {
      out.add(fetched.poll());
    }
    return out;
  }

  /** Asks partition {@code p} for what it has now, up to {@code max}, and reads the answer. */
  void fetchAvailable(int p, int max) throws InterruptedException {
    if (isOpen(p)) {
      return; // a waiting request is open: p had nothing when it was sent, and it gets the next
    }
    // no_wait: the server answers at once with up to max messages, then 404/408 unless it sent max
    OpenPull pull = request(p, PullRequestOptions.noWait(max).build(), max, 0);
    readWhile(() -> open.get(p) == pull, System.nanoTime() + GRACE_NANOS);
  }

  /**
   * Asks every partition for its next message and waits up to {@code waitNanos} (at most a second)
   * for one; sleeps when there is no partition to ask.
   */
  void awaitAny(List<Integer> partitions, long waitNanos) throws InterruptedException {
    long wait = Math.min(waitNanos, MAX_WAIT_NANOS);
    if (wait <= 0) {
      return;
    }
    if (partitions.isEmpty()) {
      Thread.sleep(Math.max(1, wait / 1_000_000));
      return;
    }
    for (int p : partitions) {
      if (!isOpen(p)) {
        PullRequestOptions options =
            wait >= MS
                ? PullRequestOptions.noWait(1).expiresIn(Duration.ofNanos(wait)).build()
                : PullRequestOptions.noWait(1).build();
        request(p, options, 1, wait);
      }
    }
    readWhile(fetched::isEmpty, System.nanoTime() + wait);
  }

  /** Reads what already arrived, without waiting. */
  void drain() throws InterruptedException {
    while (subscription.getPendingMessageCount() > 0) {
      Message m = subscription.nextMessage(Duration.ofMillis(1));
      if (m == null) {
        return;
      }
      route(m);
    }
  }

  /** True when nothing of partition {@code p} is fetched or can still arrive. */
  boolean idle(int p) {
    return !isOpen(p) && fetched.stream().noneMatch(m -> partition(m) == p);
  }

  /** Whether a request of {@code p} may still be answered; forgets one that cannot any more. */
  private boolean isOpen(int p) {
    OpenPull pull = open.get(p);
    if (pull != null && System.nanoTime() - pull.answeredBy >= 0) {
      open.remove(p); // its end status was lost or is late: the server has ended it anyway
      return false;
    }
    return pull != null;
  }

  /** Hands the fetched messages of partition {@code p} back to the server. */
  void discard(int p) {
    fetched.removeIf(
        m -> {
          if (partition(m) != p) {
            return false;
          }
          m.nak();
          return true;
        });
  }

  /** Waits for open requests to end, handing back whatever arrives and whatever was fetched. */
  void close() throws InterruptedException {
    long until = System.nanoTime();
    for (OpenPull pull : open.values()) {
      until = Math.max(until, pull.answeredBy);
    }
    readWhile(() -> !open.isEmpty(), until);
    drain();
    fetched.forEach(Message::nak);
    fetched.clear();
    subscription.unsubscribe();
  }

  private OpenPull request(int p, PullRequestOptions options, int batch, long waitNanos) {
    String reply = inbox + "." + (++requests);
    session.connection.publish(session.nextSubject(durable, p), reply, options.serialize());
    OpenPull pull = new OpenPull(reply, batch, System.nanoTime() + waitNanos + GRACE_NANOS);
    open.put(p, pull);
    return pull;
  }

  private void readWhile(BooleanSupplier condition, long until) throws InterruptedException {
    while (condition.getAsBoolean()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      // never below 1 ms: the client reads a zero timeout as "wait forever"
      Message m = subscription.nextMessage(Duration.ofNanos(Math.max(left, MS)));
      if (m == null) {
        return;
      }
      route(m);
    }
  }

  private void route(Message m) {
    if (m.isStatusMessage()) {
      open.values().removeIf(pull -> pull.reply.equals(m.getSubject()));
      int code = m.getStatus().getCode();
      if (code != 404 && code != 408) {
        throw new QueueUnavailableException(
            "nats", "pull from consumer group " + durable + " failed: " + m.getStatus(), null);
      }
      return;
    }
    if (!m.isJetStream()) {
      return;
    }
    int p = partition(m);
    OpenPull pull = open.get(p);
    if (pull != null && ++pull.received >= pull.batch) {
      open.remove(p); // answered in full: the server sends no status then
    }
    fetched.add(m);
  }

  private int partition(Message m) {
    return session.settings.partitionOf(m.getSubject());
  }

  /** A request that may still be answered, until {@code answeredBy} (nano time) at the latest. */
  private static final class OpenPull {
    final String reply;
    final int batch;
    final long answeredBy;
    int received;

    OpenPull(String reply, int batch, long answeredBy) {
      this.reply = reply;
      this.batch = batch;
      this.answeredBy = answeredBy;
    }
  }
}
