package io.ovpo.compliance.invariants;

/**
 * The invariants a well-instrumented pipeline keeps, checked over what it sent (a captured batch
 * file) or over what a server stored (trace details). The Python SDK's {@code ovpo.compliance}
 * checks the same ones under the same ids.
 */
public enum Invariant {
  TRACE_COMPLETENESS(
      "invariant.trace-completeness",
      "01 §3-4, 04 §6 rule 6",
      "The trace was sent and reached a terminal status with ended_at; every span ended; a"
          + " COMPLETED trace has every expected frame"),
  SPAN_PARENTING(
      "invariant.span-parenting",
      "01 §4, 04 §7.1",
      "Every parent_span_id and event span_id names a span of the trace; parents form no cycle;"
          + " children lie inside their parents' time and spans inside the trace's, within the"
          + " tolerance"),
  FRAME_INDEX_MONOTONIC(
      "invariant.frame-index-monotonic",
      "04 §6 rules 1, 3, 7",
      "Per event type, a frame_index never repeats under another event_id and grows with"
          + " observed_at"),
  MEDIA_TIME_MONOTONIC(
      "invariant.media-time-monotonic",
      "04 §6 rule 2",
      "Per event type, media_time_ms never decreases in frame_index order"),
  OBSERVED_AT_SKEW(
      "invariant.observed-at-skew",
      "04 §6 rules 4-5",
      "observed_at never goes back by more than the skew tolerance, nor lies more than it after"
          + " the receive time"),
  BATCH_SCHEMA(
      "invariant.batch-schema",
      "02 §3, schemas/v0.08",
      "Every captured item is valid against the v0.08 JSON Schemas");

  /** The category of every invariant result. */
  public static final String CATEGORY = "invariant";

  private final String id;
  private final String spec;
  private final String title;

  Invariant(String id, String spec, String title) {
    this.id = id;
    this.spec = spec;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String spec() {
    return spec;
  }

  public String title() {
    return title;
  }
}
