package io.ovpo.ports.error;

/**
 * A request-level failure a use case reports to its caller. The HTTP layer maps {@link #code()} to
 * the status and the JSON error body; {@link #getMessage()} is safe to show to the client (never a
 * secret, never another tenant's data).
 */
public class OvpoException extends RuntimeException {
  private final ErrorCode code;

  public OvpoException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public OvpoException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
