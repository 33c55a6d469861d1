package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo analytics bottlenecks}: per span kind, count, mean, p95 and p99. */
@Command(
    name = "bottlenecks",
    description = {
      "Per span kind: count, mean, p95 and p99 duration of the spans starting in [--from, --to)"
          + " (default: the last 24 h), slowest p95 first."
    })
final class BottlenecksCommand extends AnalyticsRangeCommand {
  @Option(
      names = "--tag",
      paramLabel = "KEY:VALUE",
      description = "Only traces with this tag; repeatable.")
  List<String> tags = new ArrayList<>();

  @Override
  public Integer call() {
    JsonNode r =
        client().get("/v1/analytics/bottlenecks", withRange(Query.create()).addEach("tag", tags));
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
    return print("spans starting ", t, r, "no ended spans in this range");
  }
}
