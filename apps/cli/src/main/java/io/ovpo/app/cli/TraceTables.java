package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The tables of {@code ovpo traces get}: spans (CSV), frame events and artifacts. */
final class TraceTables {
  private TraceTables() {}

  /** Every field of the spans, for CSV. */
  static Table spans(JsonNode spans) {
    Table t =
        Table.of(
            Column.fixed("SPAN_ID"),
            Column.fixed("PARENT_SPAN_ID"),
            Column.fixed("KIND"),
            Column.text("NAME"),
            Column.fixed("START_TIME"),
            Column.fixed("END_TIME"),
            Column.number("DURATION_MS"),
            Column.fixed("STATUS"));
    for (JsonNode s : spans) {
      t.row(
          Formats.text(s, "span_id"),
          Formats.text(s, "parent_span_id"),
          Formats.text(s, "span_kind"),
          Formats.text(s, "name"),
          Formats.text(s, "start_time"),
          Formats.text(s, "end_time"),
          Formats.text(s, "duration_ms"),
          Formats.text(s, "status"));
    }
    return t;
  }

  /**
   * Frame events, one quality metric per column; compact (table) shows the time of day only, CSV
   * adds the event id and the full timestamp.
   */
  static Table frames(List<JsonNode> events, boolean compact) {
    TreeSet<String> metrics = new TreeSet<>();
    for (JsonNode e : events) {
      e.path("quality_metrics").fieldNames().forEachRemaining(metrics::add);
    }
    List<Column> cols = new ArrayList<>();
    if (!compact) {
      cols.add(Column.fixed("EVENT_ID"));
    }
    cols.add(Column.number("FRAME"));
    cols.add(Column.fixed("TYPE"));
    cols.add(Column.number("MEDIA_MS"));
    cols.add(compact ? Column.fixed("OBSERVED") : Column.fixed("OBSERVED_AT"));
    for (String m : metrics) {
      cols.add(new Column(m.toUpperCase(Locale.ROOT), true, 5, true));
    }
    cols.add(Column.number("VRAM_MB"));
    cols.add(Column.number("GPU_PCT"));
    Table t = Table.of(cols);
    for (JsonNode e : events) {
      List<String> row = new ArrayList<>();
      if (!compact) {
        row.add(Formats.text(e, "event_id"));
      }
      row.add(Formats.text(e, "frame_index"));
      row.add(Formats.text(e, "event_type"));
      row.add(Formats.text(e, "media_time_ms"));
      String observed = Formats.text(e, "observed_at");
      row.add(compact && observed.length() == 24 ? observed.substring(11, 23) : observed);
      for (String m : metrics) {
        row.add(Formats.number(e.path("quality_metrics").path(m), 3));
      }
      row.add(Formats.number(e.path("gpu").path("vram_used_mb"), 0));
      row.add(Formats.number(e.path("gpu").path("gpu_utilization_pct"), 1));
      t.row(row);
    }
    return t;
  }

  /** Artifacts; compact (table) shows readable sizes, CSV every field. */
  static Table artifacts(JsonNode artifacts, boolean compact) {
    Table t =
        compact
            ? Table.of(
                Column.fixed("KIND"),
                Column.number("SIZE"),
                Column.text("CONTENT_TYPE"),
                Column.text("URI"),
                Column.text("ARTIFACT_ID"))
            : Table.of(
                Column.fixed("ARTIFACT_ID"),
                Column.fixed("MANIFEST_ID"),
                Column.fixed("KIND"),
                Column.text("URI"),
                Column.text("CONTENT_TYPE"),
                Column.number("SIZE_BYTES"),
                Column.fixed("SHA256"),
                Column.number("TTL_HOURS"));
    for (JsonNode a : artifacts) {
      if (compact) {
        t.row(
            Formats.text(a, "kind"),
            Formats.bytes(a.path("size_bytes").asLong()),
            Formats.text(a, "content_type"),
            Formats.text(a, "uri"),
            Formats.text(a, "artifact_id"));
      } else {
        t.row(
            Formats.text(a, "artifact_id"),
            Formats.text(a, "manifest_id"),
            Formats.text(a, "kind"),
            Formats.text(a, "uri"),
            Formats.text(a, "content_type"),
            Formats.text(a, "size_bytes"),
            Formats.text(a, "sha256"),
            Formats.text(a, "ttl_hours"));
      }
    }
    return t;
  }
}
