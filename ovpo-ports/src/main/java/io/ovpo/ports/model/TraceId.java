package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a trace: a client-generated, lower-case UUID v4 that never changes on resend. */
public record TraceId(String value) implements Comparable<TraceId> {
  public TraceId {
    Checks.matches("trace_id", value, Checks.UUID_V4);
  }

  public static TraceId of(String value) {
    return new TraceId(value);
  }

  /** A fresh random id, for tests and server-generated records. */
  public static TraceId random() {
    return new TraceId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(TraceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
