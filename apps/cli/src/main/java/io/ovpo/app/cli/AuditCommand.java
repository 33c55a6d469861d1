package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo admin audit list|verify}: the tenant's audit trail (spec 07). */
@Command(
    name = "audit",
    description = "Read your tenant's audit trail and verify its hash chain (admin:keys).",
    subcommands = {AuditCommand.ListRecords.class, AuditCommand.Verify.class})
final class AuditCommand extends GroupCommand {
  /** The audit actions, for {@code --action} and its completion. */
  enum Action {
    TRACE_ACCESS,
    TRACE_QUERY,
    ARTIFACT_DOWNLOAD,
    TRACE_DELETE,
    CONFIG_CHANGE,
    API_KEY_CREATED,
    API_KEY_REVOKED
  }

  /** {@code list}. */
  @Command(name = "list", description = "Audit records, newest first (GET /v1/audit).")
  static final class ListRecords extends BaseCommand {
    @Option(names = "--action", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}.")
    Action action;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        converter = TimeArg.class,
        description = "At or after.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArg.class, description = "Before.")
    String to;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Records per page, 1..200 (server default 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Start at this next_cursor.")
    String cursor;

    @Option(names = "--all", description = "Follow next_cursor until the last page.")
    boolean all;

    @Override
    public Integer call() {
      Optional<Integer> pageSize =
          Optional.ofNullable(limit).or(() -> all ? Optional.of(200) : Optional.empty());
      ObjectNode page =
          Pages.fetch(
              client(),
              "/v1/audit",
              () ->
                  Query.create()
                      .add("action", Optional.ofNullable(action).map(Enum::name))
                      .add("from", Optional.ofNullable(from))
                      .add("to", Optional.ofNullable(to))
                      .add("limit", pageSize.map(String::valueOf)),
              Optional.ofNullable(cursor),
              all);
      Printer p = printer();
      Table t =
          Table.of(
              Column.number("SEQ"),
              Column.fixed("TIMESTAMP"),
              Column.fixed("ACTION"),
              Column.text("ACTOR"),
              Column.text("RESOURCE"),
              Column.text("DETAILS"));
      for (JsonNode r : page.path("data")) {
        t.row(
            Formats.text(r, "sequence"),
            Formats.time(Formats.text(r, "timestamp"), p.isTable()),
            Formats.text(r, "action"),
            Formats.text(r, "actor_id"),
            Formats.text(r, "resource"),
            Formats.pairs(r.path("details"), 3));
      }
      p.rows(t, page);
      if (p.isTable() && page.path("has_more").asBoolean(false)) {
        note("more records: --cursor " + page.path("next_cursor").asText() + ", or --all");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code verify}. */
  @Command(
      name = "verify",
      description = {
        "Walk the hash chain of your tenant's trail (GET /v1/audit/verify) and name the first"
            + " broken record. Exit status 1 when the chain is broken."
      })
  static final class Verify extends BaseCommand {
    @Override
    public Integer call() {
      JsonNode r = client().get("/v1/audit/verify", Query.create());
      boolean intact = r.path("intact").asBoolean(false);
      Printer p = printer();
      if (p.isTable()) {
        p.keyValues(
            new KeyValues()
                .add("chain", intact ? "intact" : "BROKEN")
                .add("records checked", Formats.text(r, "records_checked"))
                .add("first broken", Formats.text(r, "first_broken_sequence"))
                .add("detail", Formats.text(r, "detail")));
      } else {
        Table t =
            Table.of(
                Column.fixed("INTACT"),
                Column.number("RECORDS_CHECKED"),
                Column.number("FIRST_BROKEN_SEQUENCE"),
                Column.text("DETAIL"));
        t.row(
            Boolean.toString(intact),
            Formats.text(r, "records_checked"),
            Formats.text(r, "first_broken_sequence"),
            Formats.text(r, "detail"));
        p.rows(t, r);
      }
      return intact ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
