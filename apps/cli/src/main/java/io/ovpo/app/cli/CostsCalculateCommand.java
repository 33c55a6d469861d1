package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo costs calculate --trace-id ...}: compute units per trace and span kind. */
@Command(
    name = "calculate",
    description = {
      "Compute units of traces, per trace and per span kind, with the pricing profile (no"
          + " currency). Exit status 5 when a trace is not found."
    })
final class CostsCalculateCommand extends BaseCommand {
  static final int MAX_TRACES = 100;

  @Option(
      names = "--trace-id",
      required = true,
      split = ",",
      paramLabel = "ID",
      description = "A trace id; repeatable or comma-separated, at most 100.")
  List<String> traceIds;

  @Override
  public Integer call() {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : traceIds) {
      ids.add(Ids.uuid(id.strip(), "--trace-id"));
    }
    if (ids.size() > MAX_TRACES) {
      throw CliException.usage("at most " + MAX_TRACES + " trace ids per request");
    }
    JsonNode r =
        client()
            .get(
                "/v1/analytics/costs/calculate",
                Query.create().add("trace_ids", String.join(",", ids)));
    Printer p = printer();
    Table t =
        Table.of(
            Column.fixed("TRACE_ID"), Column.number("COMPUTE_UNITS"), Column.text("BY_SPAN_KIND"));
    for (JsonNode row : r.path("data")) {
      t.row(
          Formats.text(row, "trace_id"),
          Formats.number(row.path("compute_units"), 3),
          Formats.pairs(row.path("by_span_kind"), 3));
    }
    if (p.isTable() && !t.isEmpty()) {
      t.row(
          "TOTAL",
          Formats.number(r.path("total_compute_units"), 3),
          Formats.pairs(r.path("total_by_span_kind"), 3));
    }
    p.rows(t, r);
    JsonNode profile = r.path("pricing_profile");
    if (p.isTable() && profile.isObject()) {
      p.line("");
      p.line(
          "pricing profile "
              + Formats.text(profile, "name")
              + " "
              + Formats.text(profile, "version"));
    }
    if (!r.path("not_found").isEmpty()) {
      for (JsonNode id : r.path("not_found")) {
        note("not found: " + id.asText());
      }
      return ExitCodes.NOT_FOUND;
    }
    return ExitCodes.OK;
  }
}
