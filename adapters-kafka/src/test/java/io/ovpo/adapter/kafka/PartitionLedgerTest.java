package io.ovpo.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class PartitionLedgerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration ACK_WAIT = Duration.ofSeconds(30);

  private final PartitionLedger ledger = new PartitionLedger(Map.of());

  @Test
  void nothingHandedOut_commitsNothing() {
    assertThat(ledger.pendingCommit()).isEmpty();
  }

  @Test
  void commit_isTheLowestUnsettledOffset_soOnlyTheSettledPrefixIsCommitted() {
    for (long o = 10; o < 15; o++) {
      ledger.handOut(record(o), T0);
    }
    ledger.done(10);
    ledger.done(11);
    ledger.done(13);
    assertThat(ledger.pendingCommit()).map(OffsetAndMetadata::offset).contains(12L);
    ledger.done(12);
    ledger.done(14);
    assertThat(ledger.pendingCommit()).map(OffsetAndMetadata::offset).contains(15L);
  }

  @Test
  void commitMetadata_carriesTheDeliveryCountsOfOpenRecords() {
    ledger.handOut(record(10), T0);
    ledger.handOut(record(11), T0);
    OffsetAndMetadata oam = ledger.pendingCommit().orElseThrow();
    assertThat(AttemptMetadata.decode(oam.offset(), oam.metadata()))
        .isEqualTo(Map.of(10L, 1, 11L, 1));
  }

  @Test
  void anUnchangedLedger_needsNoNewCommit() {
    ledger.handOut(record(10), T0);
    ledger.committed(ledger.pendingCommit().orElseThrow());
    assertThat(ledger.pendingCommit()).isEmpty();
  }

  @Test
  void earlierOwnersCounts_continue() {
    PartitionLedger next = new PartitionLedger(Map.of(10L, 2));
    assertThat(next.handOut(record(10), T0).attempt).isEqualTo(3);
    assertThat(next.handOut(record(11), T0).attempt).isEqualTo(1);
  }

  @Test
  void unsettledRecord_fallsDueAfterTheAckWait_withTheNextAttempt() {
    ledger.handOut(record(10), T0);
    assertThat(ledger.takeDue(T0.plus(ACK_WAIT).minusMillis(1), ACK_WAIT, 10)).isEmpty();
    assertThat(ledger.takeDue(T0.plus(ACK_WAIT), ACK_WAIT, 10))
        .singleElement()
        .satisfies(o -> assertThat(o.attempt).isEqualTo(2));
  }

  @Test
  void nackedRecord_fallsDueAfterItsDelay_notTheAckWait() {
    PartitionLedger.Open o = ledger.handOut(record(10), T0);
    o.redeliverAt = T0.plusSeconds(1);
    assertThat(ledger.nextDue(ACK_WAIT)).contains(T0.plusSeconds(1));
    assertThat(ledger.takeDue(T0.plusMillis(999), ACK_WAIT, 10)).isEmpty();
    assertThat(ledger.takeDue(T0.plusSeconds(1), ACK_WAIT, 10)).hasSize(1);
  }

  @Test
  void current_onlyMatchesTheLatestDelivery() {
    ledger.handOut(record(10), T0);
    ledger.takeDue(T0.plus(ACK_WAIT), ACK_WAIT, 10);
    assertThat(ledger.current(10, 1)).isEmpty();
    assertThat(ledger.current(10, 2)).isPresent();
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset) {
    return new ConsumerRecord<>("t", 0, offset, new byte[0], new byte[0]);
  }
}
