package io.ovpo.app.cli;

/**
 * The exit statuses of {@code ovpo}, documented in docs/cli.md. Scripts branch on them, so they
 * never change meaning.
 */
public final class ExitCodes {
  /** Everything worked, every item was valid or accepted. */
  public static final int OK = 0;

  /**
   * The command ran but the outcome is negative: invalid items found, items rejected, a broken
   * audit chain, or a request the server refused as invalid (400, 409, 413, 415, 422).
   */
  public static final int FAILED = 1;

  /** The command line or the configuration is wrong (unknown option, missing API key, ...). */
  public static final int USAGE = 2;

  /**
   * The server could not be reached or did not serve the request: connection refused, timeout, 5xx,
   * 429 after retries, or not ready.
   */
  public static final int UNAVAILABLE = 3;

  /** The API key was refused (401) or lacks the permission (403). */
  public static final int DENIED = 4;

  /** The trace, key, tenant or deletion does not exist for this tenant (404). */
  public static final int NOT_FOUND = 5;

  /** A bug in ovpo itself; the stack trace is printed. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}

  /** The exit status for an HTTP error status of the server. */
  public static int forHttpStatus(int status) {
    if (status == 401 || status == 403) {
      return DENIED;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status == 429 || status >= 500) {
      return UNAVAILABLE;
    }
    if (status >= 400) {
      return FAILED;
    }
    return UNAVAILABLE;
  }
}
