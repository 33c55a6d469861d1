package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo analytics bottlenecks}: per span kind, count, mean, p95 and p99. */
@Command(
    name = "bottlenecks",
    description = {
      "Per span kind: count, mean, p95 and p99 duration of the spans starting in [--from, --to)"
          + " (default: the last 24 h), slowest p95 first."
    })
final class BottlenecksCommand extends BaseCommand {
  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "Start (inclusive): RFC 3339, a date, or an age like 24h, 7d.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "End (exclusive), same forms.")
  String to;

  @Option(
      names = "--tag",
      paramLabel = "KEY:VALUE",
      description = "Only traces with this tag; repeatable.")
  List<String> tags = new ArrayList<>();

  @Override
  public Integer call() {
    JsonNode r =
        client()
            .get(
                "/v1/analytics/bottlenecks",
                Query.create()
                    .add("from", Optional.ofNullable(from))
                    .add("to", Optional.ofNullable(to))
                    .addEach("tag", tags));
    Table t =
        Table.of(
            Column.fixed("SPAN_KIND"),
            Column.number("COUNT"),
            Column.number("AVG_MS"),
            Column.number("P95_MS"),
            Column.number("P99_MS"));
    for (JsonNode row : r.path("data")) {
      t.row(
          Formats.text(row, "span_kind"),
          Formats.text(row, "count"),
          Formats.number(row.path("avg_ms"), 1),
          Formats.text(row, "p95_ms"),
          Formats.text(row, "p99_ms"));
    }
    Printer p = printer();
    if (p.isTable()) {
      p.line(
          "spans starting "
              + Formats.time(Formats.text(r, "from"), true)
              + " to "
              + Formats.time(Formats.text(r, "to"), true)
              + " UTC");
      if (t.isEmpty()) {
        p.line("no ended spans in this range");
        return ExitCodes.OK;
      }
    }
    p.rows(t, r);
    return ExitCodes.OK;
  }
}
