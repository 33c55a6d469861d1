package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.config.ApiKeys;
import io.ovpo.app.cli.config.Connection;
import io.ovpo.app.cli.config.ConnectionResolver;
import io.ovpo.app.cli.config.ProfileStore;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.wire.WireJson;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo config show|save}: which server and key ovpo uses, and profile files. */
@Command(
    name = "config",
    description = "Show the configuration ovpo resolved, or save it as a profile.",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.Save.class})
final class ConfigCommand extends GroupCommand {
  /** {@code show}. */
  @Command(
      name = "show",
      description =
          "The server URL and API key ovpo would use, and where each came from. The"
              + " key is shown masked (its public prefix only).")
  static final class Show extends BaseCommand {
    @Override
    public Integer call() {
      ConnectionResolver.Resolved r = ConnectionResolver.resolve(root().flags(), root().env());
      r.warnings().forEach(w -> note("warning: " + w));
      Connection c = r.connection();
      String key = c.apiKey().map(ApiKeys::masked).orElse("none");
      Printer p = printer();
      switch (p.format()) {
        case JSON -> {
          ObjectNode o = WireJson.object();
          o.put("url", c.url().toString());
          o.put("url_source", c.urlSource());
          o.put("api_key", key);
          o.put("api_key_source", c.keySource());
          o.put("config_dir", root().env().configDir().toString());
          p.json(o);
        }
        case CSV -> {
          Table t =
              Table.of(
                  Column.text("URL"),
                  Column.text("URL_SOURCE"),
                  Column.text("API_KEY"),
                  Column.text("API_KEY_SOURCE"));
          t.row(c.url().toString(), c.urlSource(), key, c.keySource());
          p.table(t);
        }
        case TABLE ->
            p.keyValues(
                new KeyValues()
                    .add("url", c.url() + "  (" + c.urlSource() + ")")
                    .add("api key", key + "  (" + c.keySource() + ")")
                    .add("profiles in", root().env().configDir().toString()));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code save}. */
  @Command(
      name = "save",
      description = {
        "Write the URL and key ovpo resolved (from --url/--api-key, OVPO_URL/OVPO_API_KEY, ...)"
            + " to a profile file, readable by you only. Use it later with --profile NAME, or"
            + " save it as 'default' to have it used without flags."
      })
  static final class Save extends BaseCommand {
    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "The profile name (default: ${DEFAULT-VALUE}).")
    String name = ProfileStore.DEFAULT;

    @Override
    public Integer call() {
      Connection c = ConnectionResolver.resolve(root().flags(), root().env()).connection();
      Path file =
          new ProfileStore(root().env().configDir())
              .save(name, Optional.of(c.url().toString()), c.apiKey());
      printer()
          .line(
              "saved profile '"
                  + name
                  + "' to "
                  + file
                  + " (url "
                  + c.url()
                  + ", api key "
                  + c.apiKey().map(ApiKeys::masked).orElse("none")
                  + ")");
      return ExitCodes.OK;
    }
  }
}
