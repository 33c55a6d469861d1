package io.ovpo.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * {@code ovpo}: the OVPO command-line tool (docs/cli.md). It talks to a server only through the
 * public HTTP API; {@code ovpo validate} needs no server at all. Exit statuses are {@link
 * ExitCodes}.
 */
public final class OvpoCli {
  /** picocli refuses usage help narrower than this. */
  static final int MIN_HELP_WIDTH = 55;

  private OvpoCli() {}

  public static void main(String[] args) {
    // UTF-8 whatever the platform default: JSON and CSV output are UTF-8.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    int code = execute(args, Environment.system(), out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command line, as {@code main} does but without exiting: for tests and embedding.
   *
   * @return the exit status
   */
  public static int execute(String[] args, Environment env, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(env);
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command tree, configured: case-insensitive enum values, ovpo's error reporting. */
  static CommandLine commandLine(Environment env) {
    CommandLine cl = new CommandLine(new RootCommand(env));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(Math.min(120, Math.max(MIN_HELP_WIDTH, env.width())));
    cl.setExecutionExceptionHandler(new ErrorReporter());
    cl.setParameterExceptionHandler(ErrorReporter::parameterError);
    return cl;
  }
}
