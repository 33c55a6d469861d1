package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code ovpo admin retention run-now}. */
@Command(
    name = "retention",
    description = "Retention (spec chapter 08).",
    subcommands = {RetentionCommand.RunNow.class})
final class RetentionCommand extends GroupCommand {
  static final String[] DELETED = {
    "traces", "spans", "frame_events", "artifacts", "orphans", "audit_records"
  };

  /** {@code run-now}. */
  @Command(
      name = "run-now",
      description = {
        "Run retention for your tenant now (POST /v1/admin/retention/run; admin:delete): delete"
            + " what is past the tenant's retention periods, except traces under legal hold."
      })
  static final class RunNow extends BaseCommand {
    @Override
    public Integer call() {
      JsonNode r =
          client().sendJson("POST", "/v1/admin/retention/run", Query.create(), Optional.empty());
      Printer p = printer();
      if (p.isTable()) {
        KeyValues kv =
            new KeyValues()
                .add("run", Formats.text(r, "run_id"))
                .add("tenant", Formats.text(r, "tenant_id"))
                .add("started", Formats.text(r, "started_at"))
                .add("finished", Formats.text(r, "finished_at"));
        for (String d : DELETED) {
          kv.add("deleted " + d.replace('_', ' '), Formats.text(r.path("deleted"), d));
        }
        kv.add("held (legal hold)", Formats.text(r, "held"))
            .add("failed (retried next run)", Formats.text(r, "failed"))
            .add("deletion id", Formats.text(r, "deletion_id"));
        p.keyValues(kv);
      } else {
        Table t =
            Table.of(
                Column.fixed("RUN_ID"),
                Column.fixed("TENANT_ID"),
                Column.fixed("STARTED_AT"),
                Column.fixed("FINISHED_AT"),
                Column.number("TRACES"),
                Column.number("SPANS"),
                Column.number("FRAME_EVENTS"),
                Column.number("ARTIFACTS"),
                Column.number("ORPHANS"),
                Column.number("AUDIT_RECORDS"),
                Column.number("HELD"),
                Column.number("FAILED"),
                Column.fixed("DELETION_ID"));
        JsonNode d = r.path("deleted");
        t.row(
            Formats.text(r, "run_id"),
            Formats.text(r, "tenant_id"),
            Formats.text(r, "started_at"),
            Formats.text(r, "finished_at"),
            Formats.text(d, "traces"),
            Formats.text(d, "spans"),
            Formats.text(d, "frame_events"),
            Formats.text(d, "artifacts"),
            Formats.text(d, "orphans"),
            Formats.text(d, "audit_records"),
            Formats.text(r, "held"),
            Formats.text(r, "failed"),
            Formats.text(r, "deletion_id"));
        p.rows(t, r);
      }
      return ExitCodes.OK;
    }
  }
}
