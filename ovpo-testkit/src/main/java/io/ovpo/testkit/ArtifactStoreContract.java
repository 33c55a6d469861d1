package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.ArtifactKey;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.EphemeralArtifact;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ArtifactStore}: manifests immutable by (tenant, manifest_id), listed in
 * first-stored order, artifacts found by id; ephemeral artifacts listed once expired (from their
 * manifest's receive time) and hidden once their object was deleted. Implement {@link #newStore()};
 * see {@link StoreContract} for the other hooks.
 */
public abstract class ArtifactStoreContract<A extends ArtifactStore> extends StoreContract<A> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void putManifest_newId_isStoredAndListed() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest m =
        fx.manifest(trace)
            .artifact(ArtifactKind.VIDEO)
            .artifact(ArtifactKind.THUMBNAIL)
            .artifact(ArtifactKind.LATENT)
            .build();
    assertThat(store.putManifest(tenant, m, Fixtures.T0)).isTrue();
    assertThat(store.byTrace(tenant, trace)).containsExactly(m);
  }

  @Test
  void putManifest_duplicateId_firstWriteWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest first = fx.manifest(trace).build();
    ArtifactManifest rewrite =
        fx.manifest(trace).id(first.manifestId()).artifact(ArtifactKind.LOG).build();
    assertThat(store.putManifest(tenant, first, Fixtures.T0)).isTrue();
    assertThat(store.putManifest(tenant, rewrite, Fixtures.T0)).isFalse();
    assertThat(store.putManifest(tenant, first, Fixtures.T0)).isFalse();
    assertThat(store.byTrace(tenant, trace)).containsExactly(first);
  }

  @Test
  void putManifest_concurrentWritersOfOneId_exactlyOneWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest base = fx.manifest(trace).build();
    List<ArtifactManifest> candidates =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> fx.manifest(trace).id(base.manifestId()).build())
            .toList();
    List<Boolean> won =
        Concurrently.run(8, i -> store.putManifest(tenant, candidates.get(i), Fixtures.T0));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.byTrace(tenant, trace)).containsExactly(candidates.get(won.indexOf(true)));
  }

  @Test
  void putManifest_sameIdInAnotherTenant_isStoredIndependently() {
    TraceId trace = fx.traceId();
    ArtifactManifest a = fx.manifest(trace).build();
    ArtifactManifest b = fx.manifest(trace).id(a.manifestId()).build();
    TenantId ta = fx.tenant();
    TenantId tb = fx.tenant();
    assertThat(store.putManifest(ta, a, Fixtures.T0)).isTrue();
    assertThat(store.putManifest(tb, b, Fixtures.T0)).isTrue();
    assertThat(store.byTrace(ta, trace)).containsExactly(a);
    assertThat(store.byTrace(tb, trace)).containsExactly(b);
  }

  @Test
  void byTrace_isInFirstStoredOrder() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<ArtifactManifest> manifests =
        List.of(fx.manifest(trace).build(), fx.manifest(trace).build(), fx.manifest(trace).build());
    manifests.forEach(m -> store.putManifest(tenant, m, Fixtures.T0));
    store.putManifest(tenant, fx.manifest(fx.traceId()).build(), Fixtures.T0);
    store.putManifest(tenant, manifests.get(0), Fixtures.T0);
    assertThat(store.byTrace(tenant, trace)).containsExactlyElementsOf(manifests);
  }

  @Test
  void byTrace_otherTenantOrTrace_isEmpty() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putManifest(tenant, fx.manifest(trace).build(), Fixtures.T0);
    assertThat(store.byTrace(fx.tenant(), trace)).isEmpty();
    assertThat(store.byTrace(tenant, fx.traceId())).isEmpty();
  }

  @Test
  void find_returnsTheArtifactFromTheFirstManifestListingIt() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest first =
        fx.manifest(trace).artifact(ArtifactKind.VIDEO).artifact(ArtifactKind.FRAME).build();
    ArtifactRef frame = first.artifacts().get(1);
    ArtifactRef sameIdLater =
        new ArtifactRef(
            frame.artifactId(),
            ArtifactKind.LOG,
            "ovpo://later/" + fx.uuid(),
            "text/plain",
            1,
            java.util.Optional.empty(),
            java.util.OptionalInt.empty());
    store.putManifest(tenant, first, Fixtures.T0);
    store.putManifest(tenant, fx.manifest(trace).artifact(sameIdLater).build(), Fixtures.T0);
    assertThat(store.find(tenant, trace, frame.artifactId())).contains(frame);
  }

  @Test
  void find_otherTenantTraceOrArtifact_isEmpty() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest m = fx.manifest(trace).build();
    store.putManifest(tenant, m, Fixtures.T0);
    ArtifactRef ref = m.artifacts().get(0);
    assertThat(store.find(tenant, trace, ref.artifactId())).contains(ref);
    assertThat(store.find(fx.tenant(), trace, ref.artifactId())).isEmpty();
    assertThat(store.find(tenant, fx.traceId(), ref.artifactId())).isEmpty();
    assertThat(store.find(tenant, trace, fx.artifactId())).isEmpty();
  }

  @Test
  void deleteByTraces_removesThoseTracesManifestsOfTheTenant_andCountsThem() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    TraceId gone = fx.traceId();
    TraceId kept = fx.traceId();
    store.putManifest(tenant, fx.manifest(gone).build(), Fixtures.T0);
    store.putManifest(tenant, fx.manifest(gone).build(), Fixtures.T0);
    ArtifactManifest keptManifest = fx.manifest(kept).build();
    store.putManifest(tenant, keptManifest, Fixtures.T0);
    ArtifactManifest othersManifest = fx.manifest(gone).build();
    store.putManifest(other, othersManifest, Fixtures.T0);
    assertThat(store.deleteByTraces(tenant, List.of(gone, fx.traceId()))).isEqualTo(2);
    assertThat(store.byTrace(tenant, gone)).isEmpty();
    assertThat(store.byTrace(tenant, kept)).containsExactly(keptManifest);
    assertThat(store.byTrace(other, gone)).containsExactly(othersManifest);
    assertThat(store.deleteByTraces(tenant, List.of(gone))).isZero();
  }

  // ---- ephemeral artifacts (spec 08 §3) ----

  private static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

  @Test
  void expiredEphemeral_listsArtifactsPastTtlOrDefaultLifetime_notDurableOnes() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest m =
        fx.manifest(trace)
            .artifact(ArtifactKind.VIDEO) // s3://, no ttl_hours: lives as long as its trace
            .artifact(ArtifactKind.LATENT) // ttl_hours 24
            .artifact(ArtifactKind.FRAME) // ovpo://, no ttl_hours: the default lifetime
            .build();
    store.putManifest(tenant, m, Fixtures.T0);
    ArtifactRef latent = m.artifacts().get(1);
    ArtifactRef frame = m.artifacts().get(2);
    Instant dayLater = Fixtures.T0.plus(Duration.ofHours(24));

    assertThat(store.expiredEphemeral(tenant, dayLater.minusMillis(1), DEFAULT_LIFETIME, NONE, 10))
        .isEmpty();
    assertThat(store.expiredEphemeral(tenant, dayLater, DEFAULT_LIFETIME, NONE, 10))
        .containsExactly(new EphemeralArtifact(trace, latent, Fixtures.T0));
    assertThat(
            store.expiredEphemeral(
                tenant, Fixtures.T0.plus(DEFAULT_LIFETIME), DEFAULT_LIFETIME, NONE, 10))
        .extracting(EphemeralArtifact::ref)
        .containsExactlyInAnyOrder(latent, frame);
    assertThat(
            store.expiredEphemeral(
                tenant, Fixtures.T0.plus(Duration.ofDays(3650)), Duration.ofDays(1), NONE, 10))
        .extracting(EphemeralArtifact::ref)
        .doesNotContain(m.artifacts().get(0));
  }

  @Test
  void expiredEphemeral_expiresFromEachManifestsReceiveTime() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest early = fx.manifest(trace).artifact(ArtifactKind.LATENT).build();
    ArtifactManifest late = fx.manifest(trace).artifact(ArtifactKind.LATENT).build();
    store.putManifest(tenant, early, Fixtures.T0);
    store.putManifest(tenant, late, Fixtures.T0.plus(Duration.ofHours(5)));
    Instant asOf = Fixtures.T0.plus(Duration.ofHours(26));
    assertThat(store.expiredEphemeral(tenant, asOf, DEFAULT_LIFETIME, NONE, 10))
        .containsExactly(new EphemeralArtifact(trace, early.artifacts().get(0), Fixtures.T0));
  }

  @Test
  void expiredEphemeral_isOrderedByKey_pagedStrictlyAfterTheKey_andTenantScoped() {
    TenantId tenant = fx.tenant();
    List<EphemeralArtifact> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TraceId trace = fx.traceId();
      ArtifactManifest m =
          fx.manifest(trace).artifact(ArtifactKind.LATENT).artifact(ArtifactKind.LATENT).build();
      store.putManifest(tenant, m, Fixtures.T0);
      m.artifacts().forEach(a -> all.add(new EphemeralArtifact(trace, a, Fixtures.T0)));
    }
    store.putManifest(
        fx.tenant(), fx.manifest(fx.traceId()).artifact(ArtifactKind.LATENT).build(), Fixtures.T0);
    all.sort(Comparator.comparing(EphemeralArtifact::key));
    Instant asOf = Fixtures.T0.plus(Duration.ofDays(2));

    List<EphemeralArtifact> first = store.expiredEphemeral(tenant, asOf, DEFAULT_LIFETIME, NONE, 4);
    assertThat(first).containsExactlyElementsOf(all.subList(0, 4));
    List<EphemeralArtifact> rest =
        store.expiredEphemeral(
            tenant, asOf, DEFAULT_LIFETIME, Optional.of(first.get(3).key()), 100);
    assertThat(rest).containsExactlyElementsOf(all.subList(4, 10));
  }

  @Test
  void expiredEphemeral_anArtifactListedTwice_appearsOnceWithTheFirstManifestsRef() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest first = fx.manifest(trace).artifact(ArtifactKind.LATENT).build();
    ArtifactRef ref = first.artifacts().get(0);
    ArtifactRef again =
        new ArtifactRef(
            ref.artifactId(),
            ArtifactKind.LOG,
            "ovpo://again/" + fx.uuid(),
            "text/plain",
            1,
            Optional.empty(),
            OptionalInt.of(1));
    store.putManifest(tenant, first, Fixtures.T0);
    store.putManifest(tenant, fx.manifest(trace).artifact(again).build(), Fixtures.T0);
    assertThat(
            store.expiredEphemeral(
                tenant, Fixtures.T0.plus(Duration.ofDays(2)), DEFAULT_LIFETIME, NONE, 10))
        .containsExactly(new EphemeralArtifact(trace, ref, Fixtures.T0));
  }

  @Test
  void markObjectsDeleted_hidesFromFindAndExpired_butTheRefStaysInByTrace() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest m =
        fx.manifest(trace).artifact(ArtifactKind.LATENT).artifact(ArtifactKind.LATENT).build();
    store.putManifest(tenant, m, Fixtures.T0);
    ArtifactRef gone = m.artifacts().get(0);
    ArtifactRef kept = m.artifacts().get(1);
    ArtifactKey key = new ArtifactKey(trace, gone.artifactId());

    assertThat(store.markObjectsDeleted(tenant, List.of(key))).isEqualTo(1);
    assertThat(store.markObjectsDeleted(tenant, List.of(key))).isZero();
    assertThat(store.markObjectsDeleted(tenant, List.of(new ArtifactKey(trace, fx.artifactId()))))
        .isZero();

    assertThat(store.find(tenant, trace, gone.artifactId())).isEmpty();
    assertThat(store.find(tenant, trace, kept.artifactId())).contains(kept);
    assertThat(
            store.expiredEphemeral(
                tenant, Fixtures.T0.plus(Duration.ofDays(2)), DEFAULT_LIFETIME, NONE, 10))
        .extracting(EphemeralArtifact::ref)
        .containsExactly(kept);
    assertThat(store.byTrace(tenant, trace)).containsExactly(m);
  }

  @Test
  void markObjectsDeleted_isTenantScoped() {
    TraceId trace = fx.traceId();
    ArtifactManifest m = fx.manifest(trace).artifact(ArtifactKind.LATENT).build();
    TenantId mine = fx.tenant();
    TenantId other = fx.tenant();
    store.putManifest(mine, m, Fixtures.T0);
    store.putManifest(other, m, Fixtures.T0);
    ArtifactRef ref = m.artifacts().get(0);
    store.markObjectsDeleted(other, List.of(new ArtifactKey(trace, ref.artifactId())));
    assertThat(store.find(mine, trace, ref.artifactId())).contains(ref);
    assertThat(store.find(other, trace, ref.artifactId())).isEmpty();
  }

  @Test
  void deleteByTraces_alsoForgetsTheTracesEphemeralArtifacts() {
    TenantId tenant = fx.tenant();
    TraceId gone = fx.traceId();
    TraceId kept = fx.traceId();
    store.putManifest(tenant, fx.manifest(gone).artifact(ArtifactKind.LATENT).build(), Fixtures.T0);
    ArtifactManifest keptManifest = fx.manifest(kept).artifact(ArtifactKind.LATENT).build();
    store.putManifest(tenant, keptManifest, Fixtures.T0);
    store.deleteByTraces(tenant, List.of(gone));
    assertThat(
            store.expiredEphemeral(
                tenant, Fixtures.T0.plus(Duration.ofDays(2)), DEFAULT_LIFETIME, NONE, 10))
        .extracting(EphemeralArtifact::traceId)
        .containsExactly(kept);
  }

  private static final Optional<ArtifactKey> NONE = Optional.empty();
}
