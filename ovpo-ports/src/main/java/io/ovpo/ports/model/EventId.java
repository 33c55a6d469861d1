package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Id of a frame event: a client-generated, lower-case UUID v4 that never changes on resend. */
public record EventId(String value) implements Comparable<EventId> {
  public EventId {
    Checks.matches("event_id", value, Checks.UUID_V4);
  }

  public static EventId of(String value) {
    return new EventId(value);
  }

  /** A fresh random id, for tests and server-generated records. */
  public static EventId random() {
    return new EventId(java.util.UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
