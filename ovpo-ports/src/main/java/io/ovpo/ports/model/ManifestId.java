package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * Id of a artifact manifest: a client-generated, lower-case UUID v4 that never changes on resend.
 */
public record ManifestId(String value) implements Comparable<ManifestId> {
  public ManifestId {
    Checks.matches("manifest_id", value, Checks.UUID_V4);
  }

  public static ManifestId of(String value) {
    return new ManifestId(value);
  }

  /** A fresh random id, for tests and server-generated records. */
  public static ManifestId random() {
    return new ManifestId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(ManifestId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
