package io.ovpo.compliance;

/** The outcome of one check. Only {@link #FAILED} makes a run fail. */
public enum CheckStatus {
  /** The server behaved as the cited section requires. */
  PASSED,
  /** It did not; the message says how. */
  FAILED,
  /** It did not, and the deviation is listed in the known-deviations file with a reason. */
  KNOWN_DEVIATION,
  /** The check could not run against this target (the message says why). */
  SKIPPED
}
