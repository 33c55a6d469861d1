package io.ovpo.examples.demo;

/** What the fake job does: succeed, or fail in one of the ways real video jobs fail. */
public enum Scenario {
  /** Every stage runs, every frame is reported, the trace ends COMPLETED. */
  OK,
  /** The sampler runs out of GPU memory: the trace ends FAILED with failure code OOM. */
  OOM,
  /** Decoding exceeds its deadline: FAILED with failure code TIMEOUT. */
  TIMEOUT,
  /**
   * The pipeline drops frames but still reports COMPLETED; OVPO's frame checks turn it PARTIAL with
   * the missing ranges.
   */
  MISSING_FRAMES
}
