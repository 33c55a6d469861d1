package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.EphemeralArtifact;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Deletion and retention semantics across the stores a deletion touches (spec chapter 08), driven
 * through the ports exactly as core's retention engine and user deletion drive them: find the
 * traces, remember them as deleted, delete from every store; expire frame events while keeping the
 * trace and its aggregates; expire ephemeral artifacts while keeping their refs. Every store
 * adapter's test runs it with its own stores (see {@link DeletionStores}).
 */
public abstract class DeletionContract extends StoreContract<DeletionStores> {
  private static final Instant NOW = Fixtures.T0;

  /** One trace's data in every store. */
  private record Seeded(
      TraceRecord record,
      List<Span> spans,
      List<StoredFrameEvent> events,
      ArtifactManifest manifest) {
    TraceId id() {
      return record.traceId();
    }
  }

  @Test
  void userErasure_acrossEveryStore_leavesNothingOfTheUser_andNothingElseChanges() {
    TenantId tenant = fx.tenant();
    String user = fx.hex64();
    Seeded a = seed(tenant, fx.trace().userIdHash(user).build(), NOW);
    Seeded b = seed(tenant, fx.trace().userIdHash(user).build(), NOW);
    Seeded otherUser = seed(tenant, fx.trace().userIdHash(fx.hex64()).build(), NOW);
    Seeded otherTenant = seed(fx.tenant(), a.record().trace(), NOW);

    List<TraceId> ids = userTraces(tenant, user);
    assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id());
    DeletionId deletion = fx.deletionId();
    store.tombstones().markDeleted(tenant, deletion, ids);
    assertThat(store.spans().deleteByTraces(tenant, ids)).isEqualTo(4);
    assertThat(store.frameEvents().deleteByTraces(tenant, ids)).isBetween(0L, 6L);
    assertThat(store.artifacts().deleteByTraces(tenant, ids)).isEqualTo(2);
    assertThat(store.traces().delete(tenant, ids)).isEqualTo(2);

    for (Seeded gone : List.of(a, b)) {
      assertGone(tenant, gone);
    }
    assertThat(userTraces(tenant, user)).isEmpty();
    assertThat(store.tombstones().deletedAmong(tenant, List.of(a.id(), b.id(), otherUser.id())))
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertIntact(tenant, otherUser);
    assertIntact(otherTenant.record().tenantId(), otherTenant);
    assertThat(store.tombstones().deletedAmong(otherTenant.record().tenantId(), ids)).isEmpty();
  }

  @Test
  void erasingTwice_deletesNothingTheSecondTime() {
    TenantId tenant = fx.tenant();
    Seeded s = seed(tenant, fx.trace().build(), NOW);
    List<TraceId> ids = List.of(s.id());
    erase(tenant, ids);
    assertThat(store.spans().deleteByTraces(tenant, ids)).isZero();
    assertThat(store.frameEvents().deleteByTraces(tenant, ids)).isZero();
    assertThat(store.artifacts().deleteByTraces(tenant, ids)).isZero();
    assertThat(store.traces().delete(tenant, ids)).isZero();
    assertGone(tenant, s);
  }

  @Test
  void traceRetention_walksTracesPastTheCutoffByReceiveTime_heldOnesIncludedForTheCallerToSkip() {
    TenantId tenant = fx.tenant();
    Instant cutoff = NOW.minus(Duration.ofDays(730));
    Seeded old = seed(tenant, fx.trace().build(), cutoff.minus(Duration.ofDays(1)));
    Seeded held = seed(tenant, fx.trace().legalHold(true).build(), cutoff.minusSeconds(1));
    Seeded young = seed(tenant, fx.trace().build(), cutoff.plusSeconds(1));

    List<TraceRecord> due = store.traces().receivedBefore(tenant, cutoff, Optional.empty(), 100);
    assertThat(due).extracting(TraceRecord::traceId).containsExactly(old.id(), held.id());
    List<TraceId> deletable =
        due.stream().filter(r -> !r.trace().legalHold()).map(TraceRecord::traceId).toList();
    erase(tenant, deletable);

    assertGone(tenant, old);
    assertIntact(tenant, held);
    assertIntact(tenant, young);
    assertThat(store.traces().receivedBefore(tenant, cutoff, Optional.empty(), 100))
        .extracting(TraceRecord::traceId)
        .containsExactly(held.id());
  }

  @Test
  void frameEventExpiry_deletesOnlyTheEvents_andTheTraceKeepsTheirAggregates() {
    TenantId tenant = fx.tenant();
    Instant cutoff = NOW.minus(Duration.ofDays(180));
    Seeded s = seed(tenant, fx.trace().build(), cutoff.minus(Duration.ofDays(1)));
    Seeded young = seed(tenant, fx.trace().build(), cutoff.plusSeconds(1));

    List<TraceRecord> due =
        store.traces().framesKeptReceivedBefore(tenant, cutoff, Optional.empty(), 100);
    assertThat(due).extracting(TraceRecord::traceId).containsExactly(s.id());
    TraceRecord r = due.get(0);
    FrameEventStats stats = store.frameEvents().stats(tenant, s.id());
    assertThat(stats.eventCount()).isEqualTo(3);
    TraceRecord expired = r.withFrameEventsExpired(stats, NOW);
    assertThat(store.traces().put(expired, r.version())).isTrue();
    store.frameEvents().deleteByTraces(tenant, List.of(s.id()));

    TraceRecord read = store.traces().get(tenant, s.id()).orElseThrow();
    assertThat(read.frameEventsExpired()).isTrue();
    assertThat(read.retainedFrameStats()).contains(stats);
    assertThat(store.frameEvents().byTrace(tenant, s.id(), Optional.empty(), 100)).isEmpty();
    assertThat(store.spans().byTrace(tenant, s.id()))
        .containsExactlyInAnyOrderElementsOf(s.spans());
    assertThat(store.artifacts().byTrace(tenant, s.id())).containsExactly(s.manifest());
    assertThat(store.traces().framesKeptReceivedBefore(tenant, cutoff, Optional.empty(), 100))
        .isEmpty();
    assertIntact(tenant, young);
  }

  @Test
  void ephemeralArtifactExpiry_hidesOnlyThatArtifact_andKeepsItsRef() {
    TenantId tenant = fx.tenant();
    Seeded s = seed(tenant, fx.trace().build(), NOW.minus(Duration.ofDays(3)));
    List<EphemeralArtifact> due =
        store.artifacts().expiredEphemeral(tenant, NOW, Duration.ofDays(30), Optional.empty(), 10);
    assertThat(due).hasSize(1);
    EphemeralArtifact latent = due.get(0);
    assertThat(latent.ref().ttlHours()).isPresent();
    assertThat(store.artifacts().markObjectsDeleted(tenant, List.of(latent.key()))).isEqualTo(1);

    assertThat(store.artifacts().find(tenant, s.id(), latent.ref().artifactId())).isEmpty();
    ArtifactManifest m = s.manifest();
    assertThat(store.artifacts().find(tenant, s.id(), m.artifacts().get(0).artifactId()))
        .contains(m.artifacts().get(0));
    assertThat(store.artifacts().byTrace(tenant, s.id())).containsExactly(m);
    assertThat(
            store
                .artifacts()
                .expiredEphemeral(tenant, NOW, Duration.ofDays(30), Optional.empty(), 10))
        .isEmpty();
  }

  // ---- helpers ----

  /**
   * A trace first received at {@code receivedAt} with two spans, three frame events and a manifest
   * of a durable video and an ephemeral (24 h) latent, the manifest received with the trace.
   */
  private Seeded seed(TenantId tenant, Trace trace, Instant receivedAt) {
    TraceRecord r = fx.record(tenant, trace).firstReceivedAt(receivedAt).build();
    assertThat(store.traces().put(r, 0)).isTrue();
    List<Span> spans = List.of(fx.span(trace.traceId()).build(), fx.span(trace.traceId()).build());
    store.spans().upsert(tenant, spans);
    List<StoredFrameEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(fx.event(trace.traceId()).frame(i).stored());
    }
    store.frameEvents().append(tenant, events);
    ArtifactManifest m =
        fx.manifest(trace.traceId())
            .artifact(ArtifactKind.VIDEO)
            .artifact(ArtifactKind.LATENT)
            .build();
    store.artifacts().putManifest(tenant, m, receivedAt);
    return new Seeded(r, spans, events, m);
  }

  private void erase(TenantId tenant, List<TraceId> ids) {
    store.tombstones().markDeleted(tenant, fx.deletionId(), ids);
    store.spans().deleteByTraces(tenant, ids);
    store.frameEvents().deleteByTraces(tenant, ids);
    store.artifacts().deleteByTraces(tenant, ids);
    store.traces().delete(tenant, ids);
  }

  private List<TraceId> userTraces(TenantId tenant, String user) {
    List<TraceId> out = new ArrayList<>();
    Optional<TraceId> after = Optional.empty();
    while (true) {
      List<TraceId> page = store.traces().findByUserIdHash(tenant, user, after, 1);
      if (page.isEmpty()) {
        return out;
      }
      out.addAll(page);
      after = Optional.of(page.get(page.size() - 1));
    }
  }

  private void assertGone(TenantId tenant, Seeded s) {
    assertThat(store.traces().get(tenant, s.id())).isEmpty();
    assertThat(store.spans().byTrace(tenant, s.id())).isEmpty();
    assertThat(store.spans().getAll(tenant, s.spans().stream().map(Span::spanId).toList()))
        .isEmpty();
    assertThat(store.frameEvents().byTrace(tenant, s.id(), Optional.empty(), 100)).isEmpty();
    assertThat(store.frameEvents().stats(tenant, s.id())).isEqualTo(FrameEventStats.empty());
    assertThat(store.artifacts().byTrace(tenant, s.id())).isEmpty();
    for (var a : s.manifest().artifacts()) {
      assertThat(store.artifacts().find(tenant, s.id(), a.artifactId())).isEmpty();
    }
  }

  private void assertIntact(TenantId tenant, Seeded s) {
    assertThat(store.traces().get(tenant, s.id())).contains(s.record());
    assertThat(store.spans().byTrace(tenant, s.id()))
        .containsExactlyInAnyOrderElementsOf(s.spans());
    assertThat(store.frameEvents().byTrace(tenant, s.id(), Optional.<EventPageKey>empty(), 100))
        .containsExactlyInAnyOrderElementsOf(s.events());
    assertThat(store.artifacts().byTrace(tenant, s.id())).containsExactly(s.manifest());
  }
}
