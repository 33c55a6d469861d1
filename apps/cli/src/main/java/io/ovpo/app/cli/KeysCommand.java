package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.config.ApiKeys;
import io.ovpo.app.cli.config.ProfileStore;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.wire.WireJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo admin keys create|list|revoke}. */
@Command(
    name = "keys",
    description = "Create, list and revoke API keys (admin: its own tenant; super_admin: any).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand extends GroupCommand {
  /** The roles, for {@code --role} and its completion. */
  enum Role {
    viewer,
    developer,
    admin,
    super_admin
  }

  static String state(JsonNode k) {
    if (k.path("revoked_at").isTextual()) {
      return "revoked";
    }
    if (k.path("expires_at").isTextual()
        && k.path("expires_at").asText().compareTo(WireJson.formatInstant(Instant.now())) <= 0) {
      return "expired";
    }
    return "active";
  }

  private static String date(String wire) {
    return wire.length() >= 10 ? wire.substring(0, 10) : wire;
  }

  /** Table: the columns that matter to pick a key; CSV: every field. */
  static Table table(List<JsonNode> keys, boolean compact) {
    Table t =
        compact
            ? Table.of(
                Column.fixed("KEY_ID"),
                Column.text("PREFIX"),
                Column.text("TENANT"),
                Column.fixed("ROLE"),
                Column.text("NAME"),
                Column.fixed("STATE"),
                Column.fixed("CREATED"))
            : Table.of(
                Column.fixed("KEY_ID"),
                Column.fixed("PREFIX"),
                Column.fixed("TENANT_ID"),
                Column.fixed("ROLE"),
                Column.text("NAME"),
                Column.fixed("CREATED_AT"),
                Column.fixed("EXPIRES_AT"),
                Column.fixed("REVOKED_AT"),
                Column.fixed("LAST_USED_AT"));
    for (JsonNode k : keys) {
      if (compact) {
        t.row(
            Formats.text(k, "key_id"),
            Formats.text(k, "prefix"),
            Formats.text(k, "tenant_id"),
            Formats.text(k, "role"),
            Formats.text(k, "name"),
            state(k),
            date(Formats.text(k, "created_at")));
      } else {
        t.row(
            Formats.text(k, "key_id"),
            Formats.text(k, "prefix"),
            Formats.text(k, "tenant_id"),
            Formats.text(k, "role"),
            Formats.text(k, "name"),
            Formats.text(k, "created_at"),
            Formats.text(k, "expires_at"),
            Formats.text(k, "revoked_at"),
            Formats.text(k, "last_used_at"));
      }
    }
    return t;
  }

  /** {@code ovpo admin keys create}. */
  @Command(
      name = "create",
      description = {
        "Create an API key (POST /v1/admin/api-keys). The key is shown once: store it, or let"
            + " --save-profile write it to a profile file instead of printing it."
      })
  static final class Create extends BaseCommand {
    @Option(
        names = "--tenant",
        required = true,
        paramLabel = "TENANT_ID",
        description = "The key's tenant.")
    String tenant;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "${COMPLETION-CANDIDATES} (not above your own).")
    Role role;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "What the key is for.")
    String name;

    @Option(
        names = "--expires-at",
        paramLabel = "TIME",
        converter = TimeArg.class,
        description = "Expiry: RFC 3339 or a date.")
    String expiresAt;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        converter = TimeArg.DurationArg.class,
        description = "Expiry from now: 30d, 12h, 2w.")
    Duration expiresIn;

    @Option(
        names = "--save-profile",
        paramLabel = "PROFILE",
        description =
            "Write the server URL and the new key to this profile instead of printing it.")
    String saveProfile;

    @Override
    public Integer call() {
      if (expiresAt != null && expiresIn != null) {
        throw CliException.usage("give --expires-at or --expires-in, not both");
      }
      if (expiresAt != null && WireJson.parseInstant(expiresAt).isBefore(Instant.now())) {
        throw CliException.usage(
            "--expires-at " + expiresAt + " is in the past (for a duration, use --expires-in)");
      }
      ProfileStore store = new ProfileStore(root().env().configDir());
      if (saveProfile != null) {
        store.file(saveProfile); // checks the name before the key exists
      }
      ObjectNode body = WireJson.object();
      body.put("tenant_id", Ids.tenant(tenant));
      body.put("role", role.name());
      body.put("name", name);
      Optional.ofNullable(expiresAt)
          .or(() -> Optional.ofNullable(expiresIn).map(TimeArg::after))
          .ifPresent(e -> body.put("expires_at", e));
      JsonNode r =
          client().sendJson("POST", "/v1/admin/api-keys", Query.create(), Optional.of(body));
      String plaintext = r.path("api_key").asText();
      Printer p = printer();
      if (saveProfile != null) {
        Path file =
            store.save(saveProfile, Optional.of(client().url().toString()), Optional.of(plaintext));
        ObjectNode shown = r.deepCopy();
        shown.put("api_key", ApiKeys.masked(plaintext));
        shown.put("saved_to", file.toString());
        if (p.isTable()) {
          p.keyValues(
              describe(shown)
                  .add("api key", ApiKeys.masked(plaintext))
                  .add("saved to", file + " (use --profile " + saveProfile + ")"));
        } else {
          p.rows(table(List.of(shown), false), shown);
        }
        return ExitCodes.OK;
      }
      if (p.isTable()) {
        p.line("API key (shown this once; store it now):");
        p.line("  " + plaintext);
        p.line("");
        p.keyValues(describe(r));
      } else if (p.format() == io.ovpo.app.cli.output.OutputFormat.CSV) {
        Table t =
            Table.of(
                Column.fixed("KEY_ID"),
                Column.fixed("API_KEY"),
                Column.fixed("TENANT_ID"),
                Column.fixed("ROLE"),
                Column.text("NAME"));
        t.row(
            Formats.text(r, "key_id"),
            plaintext,
            Formats.text(r, "tenant_id"),
            Formats.text(r, "role"),
            Formats.text(r, "name"));
        p.table(t);
      } else {
        p.json(r);
      }
      return ExitCodes.OK;
    }

    private static KeyValues describe(JsonNode r) {
      return new KeyValues()
          .add("key id", Formats.text(r, "key_id"))
          .add("prefix", Formats.text(r, "prefix"))
          .add("tenant", Formats.text(r, "tenant_id"))
          .add("role", Formats.text(r, "role"))
          .add("name", Formats.text(r, "name"))
          .add(
              "expires",
              r.path("expires_at").isTextual() ? r.path("expires_at").asText() : "never");
    }
  }

  /** {@code ovpo admin keys list}. */
  @Command(name = "list", description = "List API keys without secrets, newest first.")
  static final class ListKeys extends BaseCommand {
    @Option(
        names = "--tenant",
        paramLabel = "TENANT_ID",
        description = "Another tenant's keys (super_admin).")
    String tenant;

    @Override
    public Integer call() {
      JsonNode r =
          client()
              .get(
                  "/v1/admin/api-keys",
                  Query.create().add("tenant_id", Optional.ofNullable(tenant).map(Ids::tenant)));
      List<JsonNode> keys = new ArrayList<>();
      r.path("data").forEach(keys::add);
      Printer p = printer();
      p.rows(table(keys, p.isTable()), r);
      return ExitCodes.OK;
    }
  }

  /** {@code ovpo admin keys revoke KEY_ID}. */
  @Command(name = "revoke", description = "Revoke an API key at once (revoking twice is a no-op).")
  static final class Revoke extends BaseCommand {
    @Parameters(index = "0", paramLabel = "KEY_ID")
    String keyId;

    @Override
    public Integer call() {
      client()
          .send(
              "DELETE",
              "/v1/admin/api-keys/" + Ids.uuid(keyId, "KEY_ID"),
              Query.create(),
              Optional.empty());
      Printer p = printer();
      ObjectNode o = WireJson.object().put("key_id", keyId).put("revoked", true);
      if (p.isTable()) {
        p.line("revoked key " + keyId);
      } else {
        Table t = Table.of(Column.fixed("KEY_ID"), Column.fixed("REVOKED"));
        t.row(keyId, "true");
        p.rows(t, o);
      }
      return ExitCodes.OK;
    }
  }
}
