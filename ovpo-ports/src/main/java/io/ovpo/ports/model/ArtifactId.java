package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a artifact: a client-generated, lower-case UUID v4 that never changes on resend. */
public record ArtifactId(String value) implements Comparable<ArtifactId> {
  public ArtifactId {
    Checks.matches("artifact_id", value, Checks.UUID_V4);
  }

  public static ArtifactId of(String value) {
    return new ArtifactId(value);
  }

  /** A fresh random id, for tests and server-generated records. */
  public static ArtifactId random() {
    return new ArtifactId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(ArtifactId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
