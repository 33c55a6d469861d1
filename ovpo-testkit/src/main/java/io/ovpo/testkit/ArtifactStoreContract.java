package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ArtifactStore}: manifests immutable by (tenant, manifest_id), listed in
 * first-stored order, artifacts found by id. Implement {@link #newStore()}; see {@link
 * StoreContract} for the other hooks.
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
    assertThat(store.putManifest(tenant, m)).isTrue();
    assertThat(store.byTrace(tenant, trace)).containsExactly(m);
  }

  @Test
  void putManifest_duplicateId_firstWriteWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest first = fx.manifest(trace).build();
    ArtifactManifest rewrite =
        fx.manifest(trace).id(first.manifestId()).artifact(ArtifactKind.LOG).build();
    assertThat(store.putManifest(tenant, first)).isTrue();
    assertThat(store.putManifest(tenant, rewrite)).isFalse();
    assertThat(store.putManifest(tenant, first)).isFalse();
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
    List<Boolean> won = Concurrently.run(8, i -> store.putManifest(tenant, candidates.get(i)));
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
    assertThat(store.putManifest(ta, a)).isTrue();
    assertThat(store.putManifest(tb, b)).isTrue();
    assertThat(store.byTrace(ta, trace)).containsExactly(a);
    assertThat(store.byTrace(tb, trace)).containsExactly(b);
  }

  @Test
  void byTrace_isInFirstStoredOrder() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<ArtifactManifest> manifests =
        List.of(fx.manifest(trace).build(), fx.manifest(trace).build(), fx.manifest(trace).build());
    manifests.forEach(m -> store.putManifest(tenant, m));
    store.putManifest(tenant, fx.manifest(fx.traceId()).build());
    store.putManifest(tenant, manifests.get(0));
    assertThat(store.byTrace(tenant, trace)).containsExactlyElementsOf(manifests);
  }

  @Test
  void byTrace_otherTenantOrTrace_isEmpty() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putManifest(tenant, fx.manifest(trace).build());
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
    store.putManifest(tenant, first);
    store.putManifest(tenant, fx.manifest(trace).artifact(sameIdLater).build());
    assertThat(store.find(tenant, trace, frame.artifactId())).contains(frame);
  }

  @Test
  void find_otherTenantTraceOrArtifact_isEmpty() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest m = fx.manifest(trace).build();
    store.putManifest(tenant, m);
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
    store.putManifest(tenant, fx.manifest(gone).build());
    store.putManifest(tenant, fx.manifest(gone).build());
    ArtifactManifest keptManifest = fx.manifest(kept).build();
    store.putManifest(tenant, keptManifest);
    ArtifactManifest othersManifest = fx.manifest(gone).build();
    store.putManifest(other, othersManifest);
    assertThat(store.deleteByTraces(tenant, List.of(gone, fx.traceId()))).isEqualTo(2);
    assertThat(store.byTrace(tenant, gone)).isEmpty();
    assertThat(store.byTrace(tenant, kept)).containsExactly(keptManifest);
    assertThat(store.byTrace(other, gone)).containsExactly(othersManifest);
    assertThat(store.deleteByTraces(tenant, List.of(gone))).isZero();
  }
}
