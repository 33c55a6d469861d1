package io.ovpo.testkit;

import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds valid {@link ArtifactManifest}s; without explicit artifacts, one VIDEO. */
public final class ManifestBuilder {
  private final Fixtures fx;
  private ManifestId id;
  private final TraceId traceId;
  private final List<ArtifactRef> artifacts = new ArrayList<>();

  ManifestBuilder(Fixtures fx, TraceId traceId) {
    this.fx = fx;
    this.id = fx.manifestId();
    this.traceId = traceId;
  }

  public ManifestBuilder id(ManifestId manifestId) {
    this.id = manifestId;
    return this;
  }

  /** Adds a random artifact of {@code kind}. */
  public ManifestBuilder artifact(ArtifactKind kind) {
    return artifact(
        new ArtifactRef(
            fx.artifactId(),
            kind,
            (kind == ArtifactKind.VIDEO ? "s3://ovpo-artifacts/" : "ovpo://")
                + traceId
                + "/"
                + fx.uuid(),
            kind == ArtifactKind.VIDEO ? "video/mp4" : "application/octet-stream",
            1 + fx.random().nextInt(50_000_000),
            Optional.of(fx.hex64()),
            kind == ArtifactKind.LATENT ? OptionalInt.of(24) : OptionalInt.empty()));
  }

  public ManifestBuilder artifact(ArtifactRef ref) {
    artifacts.add(ref);
    return this;
  }

  public ArtifactManifest build() {
    if (artifacts.isEmpty()) {
      artifact(ArtifactKind.VIDEO);
    }
    return new ArtifactManifest(id, traceId, artifacts);
  }
}
