package io.ovpo.adapter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Per-message settling over Kafka's per-partition offsets. Records handed out and not yet settled
 * stay open; the committable offset is the lowest open one (or, with none open, the one after the
 * last handed out), so only the contiguous settled prefix is ever committed and everything after a
 * slow or failed record is redelivered if the partition changes owner. Not thread-safe: the
 * consumer guards it with its lock.
 */
final class PartitionLedger {
  /** One handed-out record. */
  static final class Open {
    final ConsumerRecord<byte[], byte[]> record;
    int attempt;
    Instant handedOutAt;
    Instant redeliverAt; // set by a nack: redeliver then, regardless of the ack wait

    Open(ConsumerRecord<byte[], byte[]> record, int attempt, Instant now) {
      this.record = record;
      this.attempt = attempt;
      this.handedOutAt = now;
    }
  }

  private final Map<Long, Integer> priorAttempts;
  private final TreeMap<Long, Open> open = new TreeMap<>();
  private long next = -1;
  private OffsetAndMetadata committed;

  /** {@code priorAttempts}: deliveries counted by earlier owners, from the committed metadata. */
  PartitionLedger(Map<Long, Integer> priorAttempts) {
    this.priorAttempts = new HashMap<>(priorAttempts);
  }

  /** Records a first delivery by this owner; the attempt continues earlier owners' count. */
  Open handOut(ConsumerRecord<byte[], byte[]> record, Instant now) {
    Integer prior = priorAttempts.remove(record.offset());
    Open o = new Open(record, prior == null ? 1 : prior + 1, now);
    open.put(record.offset(), o);
    next = Math.max(next, record.offset() + 1);
    return o;
  }

  /** Open records due again (nack delay over, or not settled within the ack wait), in order. */
  List<Open> takeDue(Instant now, Duration ackWait, int max) {
    List<Open> due = new ArrayList<>();
    for (Iterator<Open> it = open.values().iterator(); it.hasNext() && due.size() < max; ) {
      Open o = it.next();
      boolean isDue =
          o.redeliverAt != null
              ? !o.redeliverAt.isAfter(now)
              : !o.handedOutAt.plus(ackWait).isAfter(now);
      if (isDue) {
        o.attempt++;
        o.handedOutAt = now;
        o.redeliverAt = null;
        due.add(o);
      }
    }
    return due;
  }

  /** When the earliest open record falls due, if any. */
  Optional<Instant> nextDue(Duration ackWait) {
    return open.values().stream()
        .map(o -> o.redeliverAt != null ? o.redeliverAt : o.handedOutAt.plus(ackWait))
        .min(Instant::compareTo);
  }

  /** The open record at {@code offset} if its current delivery is {@code attempt}. */
  Optional<Open> current(long offset, int attempt) {
    Open o = open.get(offset);
    return o != null && o.attempt == attempt ? Optional.of(o) : Optional.empty();
  }

  /** Settled for good (acked or dead-lettered), whichever delivery settled it. */
  void done(long offset) {
    open.remove(offset);
  }

  int openCount() {
    return open.size();
  }

  /** The offset and attempt counts to commit, when they differ from the last commit. */
  Optional<OffsetAndMetadata> pendingCommit() {
    if (next < 0) {
      return Optional.empty();
    }
    long offset = open.isEmpty() ? next : open.firstKey();
    TreeMap<Long, Integer> attempts = new TreeMap<>();
    open.forEach((k, v) -> attempts.put(k, v.attempt));
    OffsetAndMetadata oam = new OffsetAndMetadata(offset, AttemptMetadata.encode(offset, attempts));
    return oam.equals(committed) ? Optional.empty() : Optional.of(oam);
  }

  void committed(OffsetAndMetadata oam) {
    committed = oam;
  }
}
