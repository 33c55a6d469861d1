package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Comparator;

/**
 * An artifact within its trace's manifests: artifact ids are unique per trace (the first manifest
 * that lists one wins), so (trace_id, artifact_id) names it. Ordered by trace id, then artifact id.
 */
public record ArtifactKey(TraceId traceId, ArtifactId artifactId)
    implements Comparable<ArtifactKey> {
  private static final Comparator<ArtifactKey> ORDER =
      Comparator.comparing((ArtifactKey k) -> k.traceId().value())
          .thenComparing(k -> k.artifactId().value());

  public ArtifactKey {
    Checks.notNull("trace_id", traceId);
    Checks.notNull("artifact_id", artifactId);
  }

  @Override
  public int compareTo(ArtifactKey other) {
    return ORDER.compare(this, other);
  }
}
