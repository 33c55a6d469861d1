package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * An artifact as the trace detail shows it (spec 05 §4.1): the ref and the manifest that listed it
 * first.
 */
public record StoredArtifact(ManifestId manifestId, ArtifactRef artifact) {
  public StoredArtifact {
    Checks.notNull("manifest_id", manifestId);
    Checks.notNull("artifact", artifact);
  }
}
