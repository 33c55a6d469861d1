package io.ovpo.app.cli;

import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.output.OutputFormat;
import io.ovpo.app.cli.output.Printer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every leaf command has: the global options (through the root), the client, the printer,
 * standard error. {@link #call} returns the exit status.
 */
abstract class BaseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  RootCommand root() {
    return (RootCommand) spec.root().userObject();
  }

  ApiClient client() {
    return root().client(err());
  }

  Printer printer() {
    return root().printer(spec.commandLine().getOut());
  }

  OutputFormat format() {
    return root().output;
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A note for people, on standard error so standard output stays data. */
  void note(String text) {
    err().println(text);
    err().flush();
  }
}
