package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The artifacts a trace produced. Immutable by {@code manifestId}: the first write wins. */
public record ArtifactManifest(
    ManifestId manifestId, TraceId traceId, List<ArtifactRef> artifacts) {
  public static final int MAX_ARTIFACTS = 1000;

  public ArtifactManifest {
    Checks.notNull("manifest_id", manifestId);
    Checks.notNull("trace_id", traceId);
    Checks.maxSize("artifacts", artifacts, MAX_ARTIFACTS);
    Checks.check(!artifacts.isEmpty(), "artifacts", "must hold at least one artifact");
    Set<ArtifactId> ids = new HashSet<>();
    for (ArtifactRef a : artifacts) {
      Checks.check(
          ids.add(a.artifactId()), "artifacts", "artifact_id " + a.artifactId() + " repeats");
    }
    artifacts = List.copyOf(artifacts);
  }
}
