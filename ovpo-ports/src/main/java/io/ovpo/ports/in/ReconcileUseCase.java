package io.ovpo.ports.in;

/**
 * The reconciliation pass: recomputes the verdict (frame checks, PARTIAL, compute units) of traces
 * that received items late, or whose items arrived before the trace.
 */
public interface ReconcileUseCase {
  /** Works through up to {@code max} due traces; returns how many were reconciled. */
  int reconcileDue(int max);
}
