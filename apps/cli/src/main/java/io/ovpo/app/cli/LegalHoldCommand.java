package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.wire.WireJson;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ovpo admin legal-hold set|unset TRACE_ID}. */
@Command(
    name = "legal-hold",
    description =
        "Put a trace under legal hold, or clear it (PUT /v1/admin/traces/{id}/legal-hold;"
            + " admin:delete). A held trace is never deleted by retention or user deletion.",
    subcommands = {LegalHoldCommand.Set.class, LegalHoldCommand.Unset.class})
final class LegalHoldCommand extends GroupCommand {
  static int put(BaseCommand cmd, String traceId, boolean hold) {
    JsonNode r =
        cmd.client()
            .sendJson(
                "PUT",
                "/v1/admin/traces/" + Ids.uuid(traceId, "TRACE_ID") + "/legal-hold",
                Query.create(),
                Optional.of(WireJson.object().put("legal_hold", hold)));
    Printer p = cmd.printer();
    if (p.isTable()) {
      p.line(
          "trace "
              + Formats.text(r, "trace_id")
              + ": legal hold "
              + (r.path("legal_hold").asBoolean() ? "on" : "off"));
    } else {
      Table t = Table.of(Column.fixed("TRACE_ID"), Column.fixed("LEGAL_HOLD"));
      t.row(Formats.text(r, "trace_id"), Formats.text(r, "legal_hold"));
      p.rows(t, r);
    }
    return ExitCodes.OK;
  }

  /** {@code set}. */
  @Command(name = "set", description = "Put the trace under legal hold.")
  static final class Set extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TRACE_ID")
    String traceId;

    @Override
    public Integer call() {
      return put(this, traceId, true);
    }
  }

  /** {@code unset}. */
  @Command(name = "unset", description = "Clear the trace's legal hold (the only way to clear it).")
  static final class Unset extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TRACE_ID")
    String traceId;

    @Override
    public Integer call() {
      return put(this, traceId, false);
    }
  }
}
