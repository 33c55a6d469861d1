package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo traces list}: the trace list with the server's filters. */
@Command(
    name = "list",
    description = {
      "List traces, newest first, with the server's filters. One page by default (see"
          + " --limit); --all follows the cursors to the end."
    })
final class TracesListCommand extends BaseCommand {
  @Option(
      names = "--status",
      split = ",",
      paramLabel = "STATUS",
      description = "Effective status, repeatable or comma-separated: ${COMPLETION-CANDIDATES}.")
  List<TraceStatusName> statuses = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "Created at or after: RFC 3339, a date, or an age like 24h, 7d.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "Created before (same forms as --from).")
  String to;

  @Option(
      names = "--tag",
      paramLabel = "KEY:VALUE",
      description = "Only traces with this tag; repeatable (all must match).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Traces per page, 1..200 (server default 50; 200 with --all).")
  Integer limit;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "Start at this next_cursor.")
  String cursor;

  @Option(names = "--all", description = "Follow next_cursor until the last page.")
  boolean all;

  @Override
  public Integer call() {
    for (String tag : tags) {
      if (!tag.contains(":")) {
        throw CliException.usage("--tag takes KEY:VALUE, got '" + tag + "'");
      }
    }
    Optional<Integer> pageSize =
        Optional.ofNullable(limit).or(() -> all ? Optional.of(200) : Optional.empty());
    ObjectNode page =
        Pages.fetch(
            client(),
            "/v1/traces",
            () ->
                Query.create()
                    .add(
                        "status",
                        statuses.isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                statuses.stream()
                                    .map(Enum::name)
                                    .distinct()
                                    .collect(Collectors.joining(","))))
                    .add("from", Optional.ofNullable(from))
                    .add("to", Optional.ofNullable(to))
                    .addEach("tag", tags)
                    .add("limit", pageSize.map(String::valueOf)),
            Optional.ofNullable(cursor),
            all);
    Printer p = printer();
    p.rows(table(page.path("data"), p.isTable()), page);
    if (p.isTable()) {
      if (page.path("data").isEmpty()) {
        note("no traces match");
      }
      if (page.path("has_more").asBoolean(false)) {
        note(
            "more traces: --cursor "
                + page.path("next_cursor").asText()
                + " for the next page, or --all");
      }
    }
    return ExitCodes.OK;
  }

  /** Table: the trace's age; CSV: its created_at. */
  static Table table(JsonNode traces, boolean compact) {
    java.time.Instant now = java.time.Instant.now();
    Table t =
        Table.of(
            Column.fixed("TRACE_ID"),
            Column.fixed("STATUS"),
            compact ? Column.number("AGE") : Column.fixed("CREATED_AT"),
            Column.number("DURATION"),
            Column.text("MODEL"),
            Column.text("TAGS"));
    for (JsonNode tr : traces) {
      t.row(
          Formats.text(tr, "trace_id"),
          Formats.text(tr, "status"),
          compact
              ? Formats.age(Formats.text(tr, "created_at"), now)
              : Formats.text(tr, "created_at"),
          compact ? Formats.duration(tr, "duration_ms") : Formats.text(tr, "duration_ms"),
          model(tr),
          Formats.pairs(tr.path("tags"), 3));
    }
    return t;
  }

  static String model(JsonNode trace) {
    JsonNode pc = trace.path("pipeline_config");
    if (pc.isObject()) {
      String v = Formats.text(pc, "model_version");
      return Formats.text(pc, "model_name") + (v.isEmpty() ? "" : " " + v);
    }
    return Formats.text(trace, "pipeline_config_ref");
  }
}
