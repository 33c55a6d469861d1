package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a span: a client-generated, lower-case UUID v4 that never changes on resend. */
public record SpanId(String value) implements Comparable<SpanId> {
  public SpanId {
    Checks.matches("span_id", value, Checks.UUID_V4);
  }

  public static SpanId of(String value) {
    return new SpanId(value);
  }

  /** A fresh random id, for tests and server-generated records. */
  public static SpanId random() {
    return new SpanId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(SpanId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
