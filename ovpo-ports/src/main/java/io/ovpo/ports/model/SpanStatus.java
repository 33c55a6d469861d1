package io.ovpo.ports.model;

/** Outcome of a span. UNSET may later be filled in with OK or ERROR, never the reverse. */
public enum SpanStatus {
  OK,
  ERROR,
  UNSET
}
