package io.ovpo.app.cli;

/** Trace statuses, for {@code --status} and its completion. */
enum TraceStatusName {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  PARTIAL,
  CANCELLED
}
