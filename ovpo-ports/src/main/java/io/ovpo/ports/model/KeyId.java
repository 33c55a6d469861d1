package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a API key: a server-generated, lower-case UUID v4. */
public record KeyId(String value) {
  public KeyId {
    Checks.matches("key_id", value, Checks.UUID_V4);
  }

  public static KeyId of(String value) {
    return new KeyId(value);
  }

  public static KeyId random() {
    return new KeyId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
