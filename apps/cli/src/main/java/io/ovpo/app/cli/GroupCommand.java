package io.ovpo.app.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands: alone, it prints its usage and fails as a usage error.
 */
abstract class GroupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw CliException.usage("'" + spec.qualifiedName() + "' needs a subcommand");
  }
}
