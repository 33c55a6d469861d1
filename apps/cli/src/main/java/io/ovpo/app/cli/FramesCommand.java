package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Table;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ovpo analytics frames}: a frame metric per hour or day (spec 05 §6.4). */
@Command(
    name = "frames",
    description = {
      "A frame metric per hour or day over the frame events observed in [--from, --to)"
          + " (default: the last 24 h, or 30 days with --bucket day).",
      "Counting metrics (traces, frames_generated, frames_decoded, frame_errors, gpu_samples,"
          + " frame_failure_rate) give VALUE and COUNT; quality and GPU metrics (clip_similarity,"
          + " aesthetic_score, temporal_consistency, gpu_utilization_pct, vram_used_mb,"
          + " gpu_temperature_c) give COUNT, AVG, P95 and P99."
    })
final class FramesCommand extends AnalyticsRangeCommand {
  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC",
      description = "What to chart, e.g. frames_generated, frame_failure_rate, clip_similarity.")
  String metric;

  @Option(
      names = "--bucket",
      paramLabel = "hour|day",
      description = "Bucket width (default: hour).")
  String bucket;

  @Override
  public Integer call() {
    JsonNode r =
        client()
            .get(
                "/v1/analytics/frames/timeseries",
                withRange(
                    Query.create()
                        .add("metric", Optional.of(metric))
                        .add("bucket", Optional.ofNullable(bucket))));
    boolean counting = r.path("data").path(0).has("value");
    Table t =
        counting
            ? Table.of(Column.fixed("START"), Column.number("VALUE"), Column.number("COUNT"))
            : Table.of(
                Column.fixed("START"),
                Column.number("COUNT"),
                Column.number("AVG"),
                Column.number("P95"),
                Column.number("P99"));
    for (JsonNode row : r.path("data")) {
      String start = Formats.time(Formats.text(row, "start"), true);
      if (counting) {
        t.row(start, Formats.number(row.path("value"), 4), Formats.text(row, "count"));
      } else {
        t.row(
            start,
            Formats.text(row, "count"),
            Formats.number(row.path("avg"), 4),
            Formats.number(row.path("p95"), 4),
            Formats.number(row.path("p99"), 4));
      }
    }
    return print(
        Formats.text(r, "metric") + " per " + Formats.text(r, "bucket") + ", ",
        t,
        r,
        "no frame events in this range");
  }
}
