package io.ovpo.app.cli;

import io.ovpo.app.cli.http.ApiException;
import io.ovpo.app.cli.http.UnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns what a command threw into one line on standard error and an exit status: server errors with
 * their code, HTTP status and request id; usage and configuration problems; unreachable servers.
 * Only a bug (an unexpected exception) prints a stack trace. Every line goes through {@link
 * Redaction}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof CliException c) {
      if (c.getMessage() != null && !c.getMessage().isEmpty()) {
        err.println("error: " + Redaction.redact(c.getMessage()));
      }
      return c.exitCode();
    }
    if (ex instanceof ApiException a) {
      err.println("error: " + Redaction.redact(a.describe()));
      if (a.status() == 401) {
        err.println("hint: check the API key (--api-key, OVPO_API_KEY or the profile)");
      } else if (a.status() == 403) {
        err.println("hint: the API key's role lacks the permission this command needs");
      } else if ((a.status() == 404 || a.status() == 405) && a.getMessage().contains("route")) {
        err.println(
            "hint: the server has no such endpoint; it may run an older OVPO than this ovpo");
      }
      return a.exitCode();
    }
    if (ex instanceof UnreachableException u) {
      err.println("error: " + Redaction.redact(u.getMessage()));
      return ExitCodes.UNAVAILABLE;
    }
    err.println("error: internal error in ovpo: " + Redaction.redact(ex.toString()));
    StringWriter trace = new StringWriter();
    ex.printStackTrace(new PrintWriter(trace));
    err.print(Redaction.redact(trace.toString()));
    return ExitCodes.INTERNAL;
  }

  /** A command line picocli could not parse: the reason, suggestions, where to find help. */
  static int parameterError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + Redaction.redact(ex.getMessage()));
    StringWriter suggestions = new StringWriter();
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
    err.print(Redaction.redact(suggestions.toString()));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }
}
