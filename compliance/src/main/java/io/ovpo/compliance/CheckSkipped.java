package io.ovpo.compliance;

/**
 * Thrown by a check that cannot run against this target: it needs an admin key that was not given,
 * a fixture that could not be created, or a server setting that makes the rule inapplicable (an
 * {@code unlimited} tier never answers 429). The reason appears in the report.
 */
public final class CheckSkipped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckSkipped(String reason) {
    super(reason, null, false, false);
  }
}
