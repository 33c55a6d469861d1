package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReconciliationStore}: one mark per (tenant, trace), re-marking replaces
 * the due time, {@code due} lists earliest first, and {@code done} never removes a newer mark;
 * orphan traces keep their earliest first-seen time, are listed per tenant oldest first, and a
 * conditional forget never removes an entry seen again. Implement {@link #newStore()}; see {@link
 * StoreContract} for the other hooks. {@code due()} is global, so tests look only at their own
 * tenants in it.
 */
public abstract class ReconciliationStoreContract<R extends ReconciliationStore>
    extends StoreContract<R> {
  private static final Instant BASE = Instant.parse("1971-01-01T00:00:00Z");

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void mark_isDueOnceItsDueTimeIsReached() {
    TenantId tenant = fx.tenant();
    DirtyTrace d = dirty(tenant, fx.traceId(), 0, 30);
    store.mark(d);
    assertThat(mine(store.due(at(29), 1_000), tenant)).isEmpty();
    assertThat(mine(store.due(at(30), 1_000), tenant)).containsExactly(d);
    assertThat(mine(store.due(at(31), 1_000), tenant)).containsExactly(d);
  }

  @Test
  void due_listsEarliestFirstUpToTheLimit() {
    TenantId tenant = fx.tenant();
    List<DirtyTrace> marks =
        List.of(
            dirty(tenant, fx.traceId(), 0, 40),
            dirty(tenant, fx.traceId(), 0, 10),
            dirty(tenant, fx.traceId(), 0, 30),
            dirty(tenant, fx.traceId(), 0, 20));
    marks.forEach(store::mark);
    List<DirtyTrace> sorted =
        marks.stream().sorted(Comparator.comparing(DirtyTrace::dueAt)).toList();
    assertThat(mine(store.due(at(100), 1_000), tenant)).containsExactlyElementsOf(sorted);
    List<DirtyTrace> limited = store.due(at(100), 2);
    assertThat(limited).hasSize(2).isSortedAccordingTo(Comparator.comparing(DirtyTrace::dueAt));
    Instant lastDue = limited.get(1).dueAt();
    assertThat(sorted)
        .filteredOn(d -> !limited.contains(d))
        .allSatisfy(d -> assertThat(d.dueAt()).isAfterOrEqualTo(lastDue));
  }

  @Test
  void due_doesNotRemoveMarks() {
    TenantId tenant = fx.tenant();
    DirtyTrace d = dirty(tenant, fx.traceId(), 0, 1);
    store.mark(d);
    store.due(at(5), 1_000);
    assertThat(mine(store.due(at(5), 1_000), tenant)).containsExactly(d);
  }

  @Test
  void markAgain_replacesTheDueTime() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.mark(dirty(tenant, trace, 0, 10));
    DirtyTrace later = dirty(tenant, trace, 5, 50);
    store.mark(later);
    assertThat(mine(store.due(at(20), 1_000), tenant)).isEmpty();
    assertThat(mine(store.due(at(50), 1_000), tenant)).containsExactly(later);
  }

  @Test
  void done_removesTheMark() {
    TenantId tenant = fx.tenant();
    DirtyTrace d = dirty(tenant, fx.traceId(), 0, 10);
    store.mark(d);
    store.done(d);
    assertThat(mine(store.due(at(100), 1_000), tenant)).isEmpty();
    store.done(d);
  }

  @Test
  void done_afterARemark_keepsTheNewMark() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    DirtyTrace first = dirty(tenant, trace, 0, 10);
    store.mark(first);
    DirtyTrace remarked = dirty(tenant, trace, 12, 15);
    store.mark(remarked);
    store.done(first);
    assertThat(mine(store.due(at(100), 1_000), tenant)).containsExactly(remarked);
    store.done(remarked);
    assertThat(mine(store.due(at(100), 1_000), tenant)).isEmpty();
  }

  @Test
  void sameTraceIdInTwoTenants_isMarkedSeparately() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    TraceId trace = fx.traceId();
    DirtyTrace da = dirty(a, trace, 0, 10);
    DirtyTrace db = dirty(b, trace, 0, 20);
    store.mark(da);
    store.mark(db);
    store.done(da);
    assertThat(store.due(at(100), 1_000))
        .filteredOn(d -> Set.of(a, b).contains(d.tenantId()))
        .containsExactly(db);
  }

  @Test
  void orphanSeenAgain_keepsTheEarliestFirstSeenAndTheLatestLastSeen() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Instant first = at(10).plusNanos(7);
    store.orphanSeen(tenant, trace, at(20));
    store.orphanSeen(tenant, trace, first);
    store.orphanSeen(tenant, trace, at(30).plusNanos(3));
    store.orphanSeen(tenant, trace, at(25));

    assertThat(store.orphansSeenBefore(tenant, at(100), Optional.empty(), 10))
        .containsExactly(new OrphanTrace(tenant, trace, first, at(30).plusNanos(3)));
  }

  @Test
  void orphansSeenBefore_listsOnlyTheTenantsOlderEntries_oldestFirst_pageByPage() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    List<TraceId> ids = List.of(fx.traceId(), fx.traceId(), fx.traceId(), fx.traceId());
    for (int i = 0; i < ids.size(); i++) {
      store.orphanSeen(tenant, ids.get(i), at(40 - 10 * i));
    }
    store.orphanSeen(tenant, fx.traceId(), at(50));
    store.orphanSeen(other, fx.traceId(), at(1));

    List<OrphanTrace> first = store.orphansSeenBefore(tenant, at(50), Optional.empty(), 3);
    assertThat(first)
        .extracting(OrphanTrace::traceId)
        .containsExactly(ids.get(3), ids.get(2), ids.get(1));
    OrphanTrace last = first.get(2);
    PageKey after = new PageKey(last.firstSeenAt(), last.traceId());
    assertThat(store.orphansSeenBefore(tenant, at(50), Optional.of(after), 3))
        .extracting(OrphanTrace::traceId)
        .containsExactly(ids.get(0));
    assertThat(store.orphansSeenBefore(fx.tenant(), at(50), Optional.empty(), 3)).isEmpty();
  }

  @Test
  void orphansSeenAtTheSameTime_arePagedByTraceId() {
    TenantId tenant = fx.tenant();
    List<TraceId> ids = List.of(fx.traceId(), fx.traceId(), fx.traceId());
    ids.forEach(id -> store.orphanSeen(tenant, id, at(5)));
    List<TraceId> sorted = ids.stream().sorted().toList();

    OrphanTrace page1 = store.orphansSeenBefore(tenant, at(6), Optional.empty(), 1).get(0);
    List<OrphanTrace> rest =
        store.orphansSeenBefore(
            tenant, at(6), Optional.of(new PageKey(page1.firstSeenAt(), page1.traceId())), 10);

    assertThat(page1.traceId()).isEqualTo(sorted.get(0));
    assertThat(rest)
        .extracting(OrphanTrace::traceId)
        .containsExactlyElementsOf(sorted.subList(1, 3));
  }

  @Test
  void forgetOrphan_removesTheEntry_ofThatTenantOnly() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    TraceId trace = fx.traceId();
    store.orphanSeen(tenant, trace, at(1));
    store.orphanSeen(other, trace, at(1));

    store.forgetOrphan(tenant, trace);
    store.forgetOrphan(tenant, trace);

    assertThat(store.orphansSeenBefore(tenant, at(100), Optional.empty(), 10)).isEmpty();
    assertThat(store.orphansSeenBefore(other, at(100), Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void forgetOrphanAsListed_keepsAnEntrySeenAgainMeanwhile() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.orphanSeen(tenant, trace, at(1).plusNanos(1));
    OrphanTrace listed = store.orphansSeenBefore(tenant, at(100), Optional.empty(), 10).get(0);
    store.orphanSeen(tenant, trace, at(2).plusNanos(1));

    store.forgetOrphan(listed);
    List<OrphanTrace> left = store.orphansSeenBefore(tenant, at(100), Optional.empty(), 10);
    assertThat(left).extracting(OrphanTrace::firstSeenAt).containsExactly(listed.firstSeenAt());

    store.forgetOrphan(left.get(0));
    assertThat(store.orphansSeenBefore(tenant, at(100), Optional.empty(), 10)).isEmpty();
  }

  // ---- helpers ----

  private static DirtyTrace dirty(TenantId tenant, TraceId trace, int markedSecond, int dueSecond) {
    return new DirtyTrace(tenant, trace, at(markedSecond), at(dueSecond));
  }

  private static Instant at(int second) {
    return BASE.plus(Duration.ofSeconds(second));
  }

  private static List<DirtyTrace> mine(List<DirtyTrace> due, TenantId tenant) {
    return due.stream().filter(d -> d.tenantId().equals(tenant)).toList();
  }
}
