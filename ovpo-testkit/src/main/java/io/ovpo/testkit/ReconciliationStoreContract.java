package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ReconciliationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReconciliationStore}: one mark per (tenant, trace), re-marking replaces
 * the due time, {@code due} lists earliest first, and {@code done} never removes a newer mark.
 * Implement {@link #newStore()}; see {@link StoreContract} for the other hooks. {@code due()} is
 * global, so tests look only at their own tenants in it.
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
