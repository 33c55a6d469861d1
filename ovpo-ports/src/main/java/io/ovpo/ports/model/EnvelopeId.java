package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a queue envelope: a server-generated, lower-case UUID v4. */
public record EnvelopeId(String value) {
  public EnvelopeId {
    Checks.matches("envelope_id", value, Checks.UUID_V4);
  }

  public static EnvelopeId of(String value) {
    return new EnvelopeId(value);
  }

  public static EnvelopeId random() {
    return new EnvelopeId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
