package io.ovpo.adapter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The ledgers of the partitions one member owns. Not thread-safe: guarded by the consumer. */
final class PartitionLedgers {
  private final Map<TopicPartition, PartitionLedger> byPartition = new HashMap<>();

  void assign(TopicPartition tp, Map<Long, Integer> priorAttempts) {
    byPartition.put(tp, new PartitionLedger(priorAttempts));
  }

  void drop(Collection<TopicPartition> partitions) {
    byPartition.keySet().removeAll(partitions);
  }

  void clear() {
    byPartition.clear();
  }

  Optional<PartitionLedger> get(TopicPartition tp) {
    return Optional.ofNullable(byPartition.get(tp));
  }

  /** Calls {@code handOut} for each record due again, in offset order per partition. */
  void takeDue(
      Instant now,
      Duration ackWait,
      int max,
      BiConsumer<TopicPartition, PartitionLedger.Open> handOut) {
    int taken = 0;
    for (Map.Entry<TopicPartition, PartitionLedger> e : byPartition.entrySet()) {
      if (taken >= max) {
        return;
      }
      List<PartitionLedger.Open> due = e.getValue().takeDue(now, ackWait, max - taken);
      taken += due.size();
      due.forEach(o -> handOut.accept(e.getKey(), o));
    }
  }

  /** The earliest time any open record falls due. */
  Optional<Instant> nextDue(Duration ackWait) {
    return byPartition.values().stream()
        .flatMap(l -> l.nextDue(ackWait).stream())
        .min(Instant::compareTo);
  }

  long openCount(Collection<TopicPartition> partitions) {
    return partitions.stream()
        .mapToLong(tp -> get(tp).map(PartitionLedger::openCount).orElse(0))
        .sum();
  }

  /** Offsets to commit for these partitions, where they changed since the last commit. */
  Map<TopicPartition, OffsetAndMetadata> pendingCommits(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    for (TopicPartition tp : partitions) {
      get(tp).flatMap(PartitionLedger::pendingCommit).ifPresent(oam -> pending.put(tp, oam));
    }
    return pending;
  }

  Map<TopicPartition, OffsetAndMetadata> pendingCommits() {
    return pendingCommits(List.copyOf(byPartition.keySet()));
  }

  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, oam) -> get(tp).ifPresent(l -> l.committed(oam)));
  }

  /** A commit failed: the next commit sends these partitions again. */
  void uncommitted(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> get(tp).ifPresent(l -> l.committed(null)));
  }
}
