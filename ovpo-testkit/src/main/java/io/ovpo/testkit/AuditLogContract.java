package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.out.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditLog}: one append-only chain per tenant, appended by compare-and-set
 * on the head's sequence, listed newest first with filters and oldest first for verification, and
 * shortened only from its oldest end by audit retention. Implement {@link #newStore()}; see {@link
 * StoreContract} for the other hooks.
 */
public abstract class AuditLogContract<L extends AuditLog> extends StoreContract<L> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void head_ofAnEmptyChain_isEmpty() {
    assertThat(store.head(fx.tenant())).isEmpty();
  }

  @Test
  void append_firstRecord_mustHaveSequenceOne() {
    TenantId tenant = fx.tenant();
    assertThat(store.append(record(tenant, 2, AuditRecord.GENESIS_HASH, 0))).isFalse();
    assertThat(store.head(tenant)).isEmpty();
    AuditRecord first = record(tenant, 1, AuditRecord.GENESIS_HASH, 0);
    assertThat(store.append(first)).isTrue();
    assertThat(store.head(tenant)).contains(first);
  }

  @Test
  void append_withAWrongSequence_isRefusedAndChangesNothing() {
    TenantId tenant = fx.tenant();
    AuditRecord first = append(tenant, 1, AuditRecord.GENESIS_HASH, 0);
    assertThat(store.append(record(tenant, 1, AuditRecord.GENESIS_HASH, 1))).isFalse();
    assertThat(store.append(record(tenant, 3, first.recordHash(), 1))).isFalse();
    assertThat(store.head(tenant)).contains(first);
    assertThat(store.ascending(tenant, 1, 10)).containsExactly(first);
  }

  @Test
  void append_concurrentlyOfOneSequence_exactlyOneWins() {
    TenantId tenant = fx.tenant();
    List<AuditRecord> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(record(tenant, 1, AuditRecord.GENESIS_HASH, i));
    }
    List<Boolean> won = Concurrently.run(8, i -> store.append(candidates.get(i)));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.head(tenant)).contains(candidates.get(won.indexOf(true)));
  }

  @Test
  void append_concurrentWritersRetrying_keepAGapFreeLinkedChain() {
    TenantId tenant = fx.tenant();
    int writers = 4;
    int each = 15;
    Concurrently.runAll(
        writers,
        w -> {
          for (int n = 0; n < each; n++) {
            while (true) {
              Optional<AuditRecord> head = store.head(tenant);
              long next = head.map(AuditRecord::sequence).orElse(0L) + 1;
              String previous = head.map(AuditRecord::recordHash).orElse(AuditRecord.GENESIS_HASH);
              if (store.append(record(tenant, next, previous, w * 1000 + n))) {
                break;
              }
            }
          }
        });
    List<AuditRecord> chain = store.ascending(tenant, 1, 1_000);
    assertThat(chain)
        .extracting(AuditRecord::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, writers * each).boxed().toList());
    String previous = AuditRecord.GENESIS_HASH;
    for (AuditRecord r : chain) {
      assertThat(r.previousHash()).as("link of %d", r.sequence()).isEqualTo(previous);
      previous = r.recordHash();
    }
  }

  @Test
  void chains_arePerTenant() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    AuditRecord a1 = append(a, 1, AuditRecord.GENESIS_HASH, 0);
    append(a, 2, a1.recordHash(), 1);
    AuditRecord b1 = append(b, 1, AuditRecord.GENESIS_HASH, 0);
    assertThat(store.head(b)).contains(b1);
    assertThat(store.ascending(b, 1, 10)).containsExactly(b1);
    assertThat(store.list(query(b, Optional.empty(), TimeRange.all(), OptionalLong.empty(), 200)))
        .containsExactly(b1);
  }

  @Test
  void list_isNewestFirstFilteredByActionAndTimeBelowASequence() {
    TenantId tenant = fx.tenant();
    List<AuditRecord> chain = chain(tenant, 10);
    List<AuditRecord> newestFirst = new ArrayList<>(chain);
    java.util.Collections.reverse(newestFirst);
    assertThat(
            store.list(query(tenant, Optional.empty(), TimeRange.all(), OptionalLong.empty(), 200)))
        .containsExactlyElementsOf(newestFirst);
    assertThat(
            store.list(query(tenant, Optional.empty(), TimeRange.all(), OptionalLong.empty(), 3)))
        .containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(store.list(query(tenant, Optional.empty(), TimeRange.all(), OptionalLong.of(8), 3)))
        .extracting(AuditRecord::sequence)
        .containsExactly(7L, 6L, 5L);
    assertThat(
            store.list(
                query(
                    tenant,
                    Optional.of(AuditAction.TRACE_QUERY),
                    TimeRange.all(),
                    OptionalLong.empty(),
                    200)))
        .extracting(AuditRecord::sequence)
        .containsExactly(10L, 8L, 6L, 4L, 2L);
    TimeRange range =
        TimeRange.of(chain.get(2).event().timestamp(), chain.get(7).event().timestamp());
    assertThat(store.list(query(tenant, Optional.empty(), range, OptionalLong.empty(), 200)))
        .extracting(AuditRecord::sequence)
        .containsExactly(7L, 6L, 5L, 4L, 3L);
    assertThat(
            store.list(
                query(
                    tenant, Optional.of(AuditAction.TRACE_ACCESS), range, OptionalLong.of(7), 200)))
        .extracting(AuditRecord::sequence)
        .containsExactly(5L, 3L);
  }

  @Test
  void ascending_startsAtTheSequenceAndHonoursTheLimit() {
    TenantId tenant = fx.tenant();
    List<AuditRecord> chain = chain(tenant, 10);
    assertThat(store.ascending(tenant, 4, 3)).containsExactlyElementsOf(chain.subList(3, 6));
    assertThat(store.ascending(tenant, 9, 100)).containsExactlyElementsOf(chain.subList(8, 10));
    assertThat(store.ascending(tenant, 11, 100)).isEmpty();
  }

  @Test
  void deleteBefore_removesTheOldestRecordsBeforeTheCutoff_leavingAnAppendableSuffix() {
    TenantId tenant = fx.tenant();
    List<AuditRecord> c = chain(tenant, 10);
    TenantId other = fx.tenant();
    List<AuditRecord> others = chain(other, 3);
    assertThat(store.deleteBefore(tenant, Fixtures.T0.plusSeconds(60L * 4))).isEqualTo(3);
    assertThat(store.ascending(tenant, 1, 100)).containsExactlyElementsOf(c.subList(3, 10));
    assertThat(store.head(tenant)).contains(c.get(9));
    assertThat(store.ascending(other, 1, 100)).containsExactlyElementsOf(others);
    append(tenant, 11, c.get(9).recordHash(), 11);
    assertThat(store.deleteBefore(tenant, Fixtures.T0.plusSeconds(60L * 4))).isZero();
  }

  @Test
  void deleteBefore_stopsAtTheFirstRecordNotBeforeTheCutoff() {
    TenantId tenant = fx.tenant();
    AuditRecord first = append(tenant, 1, AuditRecord.GENESIS_HASH, 1);
    AuditRecord late = append(tenant, 2, first.recordHash(), 9);
    AuditRecord early = append(tenant, 3, late.recordHash(), 2);
    AuditRecord head = append(tenant, 4, early.recordHash(), 10);
    assertThat(store.deleteBefore(tenant, Fixtures.T0.plusSeconds(60L * 5))).isEqualTo(1);
    assertThat(store.ascending(tenant, 1, 100)).containsExactly(late, early, head);
  }

  @Test
  void deleteBefore_neverDeletesTheNewestRecord() {
    TenantId tenant = fx.tenant();
    List<AuditRecord> c = chain(tenant, 3);
    assertThat(store.deleteBefore(tenant, Fixtures.T0.plus(java.time.Duration.ofDays(3650))))
        .isEqualTo(2);
    assertThat(store.ascending(tenant, 1, 100)).containsExactly(c.get(2));
    assertThat(store.head(tenant)).contains(c.get(2));
    append(tenant, 4, c.get(2).recordHash(), 4);
    assertThat(store.deleteBefore(fx.tenant(), Fixtures.T0.plusSeconds(60L * 100))).isZero();
  }

  // ---- helpers ----

  /** Appends {@code n} linked records, odd sequences TRACE_ACCESS and even TRACE_QUERY. */
  private List<AuditRecord> chain(TenantId tenant, int n) {
    List<AuditRecord> out = new ArrayList<>();
    String previous = AuditRecord.GENESIS_HASH;
    for (int seq = 1; seq <= n; seq++) {
      AuditRecord r = append(tenant, seq, previous, seq);
      out.add(r);
      previous = r.recordHash();
    }
    return out;
  }

  private AuditRecord append(TenantId tenant, long sequence, String previous, int minute) {
    AuditRecord r = record(tenant, sequence, previous, minute);
    assertThat(store.append(r)).as("append %d", sequence).isTrue();
    return r;
  }

  private AuditRecord record(TenantId tenant, long sequence, String previous, int minute) {
    AuditAction action = sequence % 2 == 0 ? AuditAction.TRACE_QUERY : AuditAction.TRACE_ACCESS;
    Instant at = Fixtures.T0.plusSeconds(60L * minute);
    return fx.auditRecord(fx.auditEvent(tenant, action, at), sequence, previous);
  }

  private static AuditQuery query(
      TenantId tenant,
      Optional<AuditAction> action,
      TimeRange range,
      OptionalLong before,
      int limit) {
    return new AuditQuery(tenant, action, range, before, limit);
  }
}
