package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of one retention run: a server-generated, lower-case UUID v4. */
public record RetentionRunId(String value) {
  public RetentionRunId {
    Checks.matches("run_id", value, Checks.UUID_V4);
  }

  public static RetentionRunId of(String value) {
    return new RetentionRunId(value);
  }

  public static RetentionRunId random() {
    return new RetentionRunId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
