package io.ovpo.app.cli;

import io.ovpo.app.cli.config.ConnectionResolver;
import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.output.Glyphs;
import io.ovpo.app.cli.output.OutputFormat;
import io.ovpo.app.cli.output.Printer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code ovpo}: the global options (inherited by every subcommand, so they may come anywhere on the
 * line) and the command tree.
 */
@Command(
    name = "ovpo",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "The OVPO command-line tool: check, send and read traces of AI video-generation pipelines,"
          + " and administer an OVPO server over its HTTP API.",
      "",
      "Configuration: --url/--api-key, --profile NAME (~/.config/ovpo/NAME.properties),"
          + " OVPO_URL/OVPO_API_KEY, then the 'default' profile. See docs/cli.md."
    },
    subcommands = {
      PingCommand.class,
      ValidateCommand.class,
      IngestCommand.class,
      TracesCommand.class,
      AnalyticsCommand.class,
      CostsCommand.class,
      AdminCommand.class,
      ConfigCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  success",
      "  1  invalid input, rejected items, broken audit chain, or a request the server refused",
      "  2  usage or configuration error",
      "  3  server unreachable, not ready, overloaded (429 after retries) or failing (5xx)",
      "  4  API key refused (401) or not allowed (403)",
      "  5  not found (404)",
      " 70  internal error in ovpo"
    })
final class RootCommand implements Runnable {
  private final Environment env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "Server base URL (default: OVPO_URL, the profile, http://localhost:8080).")
  String url;

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY",
      description =
          "API key (default: OVPO_API_KEY or the profile). Visible to other local"
              + " users in the process list: prefer the variable or a profile.")
  String apiKey;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Read URL and key from ~/.config/ovpo/NAME.properties.")
  String profile;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "table (default), json or csv.")
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      description = "Seconds to wait for each answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 30;

  private ApiClient client;

  RootCommand(Environment env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CliException(ExitCodes.USAGE, "a command is required");
  }

  Environment env() {
    return env;
  }

  /** The client for the configured server, resolved on first use (offline commands never do). */
  ApiClient client(PrintWriter err) {
    if (client == null) {
      if (timeoutSeconds < 1) {
        throw CliException.usage("--timeout must be at least 1 second");
      }
      ConnectionResolver.Resolved r = ConnectionResolver.resolve(flags(), env);
      r.warnings().forEach(w -> err.println("warning: " + w));
      client =
          new ApiClient(
              r.connection(),
              Duration.ofSeconds(timeoutSeconds),
              "ovpo-cli/" + VersionProvider.version());
    }
    return client;
  }

  ConnectionResolver.Flags flags() {
    return new ConnectionResolver.Flags(
        Optional.ofNullable(url), Optional.ofNullable(apiKey), Optional.ofNullable(profile));
  }

  /** The printer for {@code --output}, fitted to the terminal. */
  Printer printer(PrintWriter out) {
    return new Printer(out, output, env.width(), Glyphs.of(env.unicode()));
  }
}
