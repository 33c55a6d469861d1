package io.ovpo.compliance;

/**
 * A check's finding: the server's answer broke the rule the check cites. The message says what was
 * expected and what came back, so a report reader needs nothing else to act on it.
 */
public final class CheckFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckFailure(String message) {
    super(message, null, false, false);
  }
}
