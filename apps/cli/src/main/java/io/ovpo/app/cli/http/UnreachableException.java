package io.ovpo.app.cli.http;

/** The server could not be reached or did not answer in time. */
public final class UnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
