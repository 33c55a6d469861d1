package io.ovpo.app.cli;

/**
 * A failure ovpo explains in one line and maps to an exit status, without a stack trace: bad
 * configuration, an unreadable file, a negative outcome the command already printed.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A problem with the command line or the configuration ({@link ExitCodes#USAGE}). */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** The exit status to end with. */
  public int exitCode() {
    return exitCode;
  }
}
