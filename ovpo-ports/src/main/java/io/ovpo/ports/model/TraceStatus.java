package io.ovpo.ports.model;

/**
 * Lifecycle status of a trace. A trace moves PENDING → RUNNING → one terminal status and never
 * leaves a terminal status; the transition table itself lives in core's {@code TraceLifecycle}.
 */
public enum TraceStatus {
  PENDING(0),
  RUNNING(1),
  COMPLETED(2),
  FAILED(2),
  PARTIAL(2),
  CANCELLED(2);

  private final int rank;

  TraceStatus(int rank) {
    this.rank = rank;
  }

  /** True for COMPLETED, FAILED, PARTIAL and CANCELLED. */
  public boolean isTerminal() {
    return rank == 2;
  }

  /** Position in the lifecycle: 0 pending, 1 running, 2 terminal. */
  public int rank() {
    return rank;
  }

  /** The wire value, identical to the constant name. */
  public String wire() {
    return name();
  }
}
