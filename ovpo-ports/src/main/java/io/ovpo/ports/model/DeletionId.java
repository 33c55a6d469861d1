package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a GDPR deletion: a server-generated, lower-case UUID v4. */
public record DeletionId(String value) {
  public DeletionId {
    Checks.matches("deletion_id", value, Checks.UUID_V4);
  }

  public static DeletionId of(String value) {
    return new DeletionId(value);
  }

  public static DeletionId random() {
    return new DeletionId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
