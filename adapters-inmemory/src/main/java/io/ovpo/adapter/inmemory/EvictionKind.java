package io.ovpo.adapter.inmemory;

/** What a bounded in-memory store had to drop (or refuse) to stay within its cap. */
enum EvictionKind {
  TRACES("traces"),
  SPANS("spans"),
  FRAME_EVENTS("frame_events"),
  FRAME_EVENTS_REFUSED("frame_events_refused"),
  MANIFESTS("manifests"),
  DEDUPE_KEYS("dedupe_keys"),
  IDEMPOTENCY_KEYS("idempotency_keys"),
  AUDIT_RECORDS("audit_records"),
  DEAD_LETTERS("dead_letters"),
  OBJECTS("objects"),
  QUEUE_REFUSED("queue_refused");

  private final String label;

  EvictionKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
