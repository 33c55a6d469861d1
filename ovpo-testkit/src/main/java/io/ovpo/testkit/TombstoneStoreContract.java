package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TombstoneStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TombstoneStore}: deletion records by id, the RUNNING ones oldest first,
 * and the per-tenant set of deleted trace ids. Implement {@link #newStore()}; see {@link
 * StoreContract} for the other hooks. {@code running()} is global, so tests look only at their own
 * tenants in it.
 */
public abstract class TombstoneStoreContract<T extends TombstoneStore> extends StoreContract<T> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void save_thenGet_roundTripsEveryField() {
    TenantId tenant = fx.tenant();
    Tombstone t = fx.tombstone(tenant, Fixtures.T0, DeletionState.RUNNING);
    Tombstone retention =
        new Tombstone(
            fx.deletionId(),
            tenant,
            Fixtures.T0,
            "retention",
            "retention: traces older than 730 days",
            Optional.empty(),
            0,
            0,
            DeletionState.COMPLETED);
    store.save(t);
    store.save(retention);
    assertThat(store.get(tenant, t.deletionId())).contains(t);
    assertThat(store.get(tenant, retention.deletionId())).contains(retention);
  }

  @Test
  void save_again_replacesTheTombstone() {
    TenantId tenant = fx.tenant();
    Tombstone running = fx.tombstone(tenant, Fixtures.T0, DeletionState.RUNNING);
    store.save(running);
    Tombstone done =
        new Tombstone(
            running.deletionId(),
            tenant,
            running.deletedAt(),
            running.deletedBy(),
            running.reason(),
            running.userIdHash(),
            12,
            2,
            DeletionState.COMPLETED);
    store.save(done);
    assertThat(store.get(tenant, running.deletionId())).contains(done);
  }

  @Test
  void get_otherTenantOrUnknownId_isEmpty() {
    TenantId tenant = fx.tenant();
    Tombstone t = fx.tombstone(tenant, Fixtures.T0, DeletionState.RUNNING);
    store.save(t);
    assertThat(store.get(fx.tenant(), t.deletionId())).isEmpty();
    assertThat(store.get(tenant, fx.deletionId())).isEmpty();
  }

  @Test
  void running_listsRunningTombstonesOldestFirst() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    Tombstone newest = fx.tombstone(a, Fixtures.T0, DeletionState.RUNNING);
    Tombstone oldest =
        fx.tombstone(b, Fixtures.T0.minus(Duration.ofHours(2)), DeletionState.RUNNING);
    Tombstone middle =
        fx.tombstone(a, Fixtures.T0.minus(Duration.ofHours(1)), DeletionState.RUNNING);
    Tombstone done =
        fx.tombstone(a, Fixtures.T0.minus(Duration.ofHours(3)), DeletionState.COMPLETED);
    List.of(newest, oldest, middle, done).forEach(store::save);
    Set<DeletionId> mine =
        Set.of(newest.deletionId(), oldest.deletionId(), middle.deletionId(), done.deletionId());
    assertThat(store.running())
        .filteredOn(t -> mine.contains(t.deletionId()))
        .containsExactly(oldest, middle, newest);
  }

  @Test
  void running_dropsATombstoneOnceCompleted() {
    TenantId tenant = fx.tenant();
    Tombstone t = fx.tombstone(tenant, Fixtures.T0, DeletionState.RUNNING);
    store.save(t);
    store.save(
        new Tombstone(
            t.deletionId(),
            tenant,
            t.deletedAt(),
            t.deletedBy(),
            t.reason(),
            t.userIdHash(),
            3,
            0,
            DeletionState.COMPLETED));
    assertThat(store.running()).extracting(Tombstone::deletionId).doesNotContain(t.deletionId());
  }

  @Test
  void markDeleted_thenDeletedAmong_isTheDeletedSubsetOfTheTenant() {
    TenantId tenant = fx.tenant();
    DeletionId deletion = fx.deletionId();
    TraceId a = fx.traceId();
    TraceId b = fx.traceId();
    TraceId alive = fx.traceId();
    store.markDeleted(tenant, deletion, List.of(a, b));
    store.markDeleted(tenant, deletion, List.of(a));
    assertThat(store.deletedAmong(tenant, List.of(a, b, alive))).containsExactlyInAnyOrder(a, b);
    assertThat(store.deletedAmong(fx.tenant(), List.of(a, b))).isEmpty();
    assertThat(store.deletedAmong(tenant, List.of())).isEmpty();
  }

  @Test
  void purgeBefore_dropsOldCompletedTombstonesAndTheirDeletedTraces_only() {
    TenantId tenant = fx.tenant();
    Instant cutoff = Fixtures.T0;
    Tombstone old = fx.tombstone(tenant, cutoff.minusMillis(1), DeletionState.COMPLETED);
    Tombstone atCutoff = fx.tombstone(tenant, cutoff, DeletionState.COMPLETED);
    Tombstone oldRunning =
        fx.tombstone(tenant, cutoff.minus(Duration.ofDays(1)), DeletionState.RUNNING);
    TenantId other = fx.tenant();
    Tombstone othersOld = fx.tombstone(other, cutoff.minusMillis(1), DeletionState.COMPLETED);
    List.of(old, atCutoff, oldRunning, othersOld).forEach(store::save);
    TraceId forgotten = fx.traceId();
    TraceId remembered = fx.traceId();
    TraceId running = fx.traceId();
    store.markDeleted(tenant, old.deletionId(), List.of(forgotten));
    store.markDeleted(tenant, atCutoff.deletionId(), List.of(remembered));
    store.markDeleted(tenant, oldRunning.deletionId(), List.of(running));
    store.markDeleted(other, othersOld.deletionId(), List.of(forgotten));

    assertThat(store.purgeBefore(tenant, cutoff)).isEqualTo(1);
    assertThat(store.get(tenant, old.deletionId())).isEmpty();
    assertThat(store.get(tenant, atCutoff.deletionId())).contains(atCutoff);
    assertThat(store.get(tenant, oldRunning.deletionId())).contains(oldRunning);
    assertThat(store.get(other, othersOld.deletionId())).contains(othersOld);
    assertThat(store.deletedAmong(tenant, List.of(forgotten, remembered, running)))
        .containsExactlyInAnyOrder(remembered, running);
    assertThat(store.deletedAmong(other, List.of(forgotten))).containsExactly(forgotten);
    assertThat(store.purgeBefore(tenant, cutoff)).isZero();
  }
}
