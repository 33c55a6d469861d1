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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo admin gdpr delete-user|status}: the right to erasure (spec 08 §5). */
@Command(
    name = "gdpr",
    description = "Erase an end user's traces (right to erasure) and follow the deletion.",
    subcommands = {GdprCommand.DeleteUser.class, GdprCommand.Status.class})
final class GdprCommand extends GroupCommand {
  static final long POLL_MILLIS = 1000;

  static JsonNode tombstone(BaseCommand cmd, String deletionId) {
    return cmd.client()
        .get("/v1/admin/deletions/" + Ids.uuid(deletionId, "DELETION_ID"), Query.create());
  }

  static void print(Printer p, JsonNode t) {
    if (p.isTable()) {
      p.keyValues(
          new KeyValues()
              .add("deletion", Formats.text(t, "deletion_id"))
              .add("tenant", Formats.text(t, "tenant_id"))
              .add("state", Formats.text(t, "state"))
              .add("user_id_hash", Formats.text(t, "user_id_hash"))
              .add("traces", Formats.text(t, "trace_count"))
              .add("held (legal hold)", Formats.text(t, "held_count"))
              .add("requested", Formats.text(t, "deleted_at"))
              .add("by", Formats.text(t, "deleted_by"))
              .add("reason", Formats.text(t, "reason")));
    } else {
      Table table =
          Table.of(
              Column.fixed("DELETION_ID"),
              Column.fixed("TENANT_ID"),
              Column.fixed("STATE"),
              Column.number("TRACE_COUNT"),
              Column.number("HELD_COUNT"),
              Column.fixed("DELETED_AT"),
              Column.text("DELETED_BY"),
              Column.text("REASON"));
      table.row(
          Formats.text(t, "deletion_id"),
          Formats.text(t, "tenant_id"),
          Formats.text(t, "state"),
          Formats.text(t, "trace_count"),
          Formats.text(t, "held_count"),
          Formats.text(t, "deleted_at"),
          Formats.text(t, "deleted_by"),
          Formats.text(t, "reason"));
      p.rows(table, t);
    }
  }

  /** {@code delete-user}. */
  @Command(
      name = "delete-user",
      description = {
        "Delete every stored trace of one end user, identified by the user_id_hash your"
            + " pipelines send (DELETE /v1/admin/tenants/{tenant}/users/{hash}; admin:delete)."
            + " Traces under legal hold are kept. Irreversible: needs --yes.",
        "Answers with the deletion id at once; --wait follows the deletion until it is"
            + " COMPLETED."
      })
  static final class DeleteUser extends BaseCommand {
    @Parameters(
        index = "0",
        paramLabel = "USER_ID_HASH",
        description = "64 lower-case hex characters.")
    String userIdHash;

    @Option(
        names = "--tenant",
        required = true,
        paramLabel = "TENANT_ID",
        description = "The user's tenant.")
    String tenant;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        description = "Stored in the tombstone (default: user deletion request).")
    String reason;

    @Option(names = "--yes", description = "Confirm the irreversible deletion.")
    boolean yes;

    @Option(names = "--wait", description = "Poll the deletion until it is COMPLETED.")
    boolean waitForIt;

    @Option(
        names = "--wait-timeout",
        paramLabel = "SECONDS",
        description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); exit status 1.")
    int waitTimeout = 300;

    @Override
    public Integer call() throws InterruptedException {
      Ids.hash(userIdHash, "USER_ID_HASH");
      Ids.tenant(tenant);
      if (!yes) {
        throw CliException.usage(
            "this irreversibly deletes every trace of that user in tenant "
                + tenant
                + " (except traces under legal hold): add --yes to confirm");
      }
      JsonNode accepted =
          client()
              .sendJson(
                  "DELETE",
                  "/v1/admin/tenants/" + tenant + "/users/" + userIdHash,
                  Query.create().add("reason", Optional.ofNullable(reason)),
                  Optional.empty());
      String id = Formats.text(accepted, "deletion_id");
      Printer p = printer();
      if (!waitForIt) {
        if (p.isTable()) {
          p.line(
              "deletion "
                  + id
                  + " started: "
                  + Formats.text(accepted, "trace_count")
                  + (accepted.path("trace_count").asInt() == 1 ? " trace" : " traces")
                  + " to delete");
          p.line("follow it with: ovpo admin gdpr status " + id);
        } else {
          Table t = Table.of(Column.fixed("DELETION_ID"), Column.number("TRACE_COUNT"));
          t.row(id, Formats.text(accepted, "trace_count"));
          p.rows(t, accepted);
        }
        return ExitCodes.OK;
      }
      long deadline = System.nanoTime() + waitTimeout * 1_000_000_000L;
      JsonNode t = tombstone(this, id);
      while (!"COMPLETED".equals(Formats.text(t, "state")) && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        t = tombstone(this, id);
      }
      print(p, t);
      if (!"COMPLETED".equals(Formats.text(t, "state"))) {
        note(
            "deletion "
                + id
                + " still "
                + Formats.text(t, "state")
                + " after "
                + waitTimeout
                + " s");
        return ExitCodes.FAILED;
      }
      return ExitCodes.OK;
    }
  }

  /** {@code status}. */
  @Command(
      name = "status",
      description = "Show a deletion's tombstone (GET /v1/admin/deletions/{id}).")
  static final class Status extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DELETION_ID")
    String deletionId;

    @Override
    public Integer call() {
      print(printer(), tombstone(this, deletionId));
      return ExitCodes.OK;
    }
  }
}
