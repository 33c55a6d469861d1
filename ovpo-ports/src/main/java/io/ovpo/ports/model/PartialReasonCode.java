package io.ovpo.ports.model;

/** Why the processor judged a trace PARTIAL (spec 04, frame checks and completeness). */
public enum PartialReasonCode {
  /** media_time_ms decreased between consecutive frames (frame_index order) of one event type. */
  MEDIA_TIME_DECREASED,
  /** A frame_index repeats under another event_id within one event type. */
  DUPLICATE_FRAME_INDEX,
  /** observed_at decreased by more than the 5 s clock-skew tolerance (frame_index order). */
  OBSERVED_AT_REGRESSION,
  /** observed_at lies more than 5 s after the collector's receive time. */
  OBSERVED_AT_IN_FUTURE,
  /** Fewer distinct frames than expected_frames once the trace is terminal. */
  MISSING_FRAMES,
  /** The client itself reported PARTIAL. */
  REPORTED_BY_CLIENT
}
