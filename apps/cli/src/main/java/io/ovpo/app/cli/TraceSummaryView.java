package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The summary of {@code ovpo traces get}: status (and the reported one when the processor changed
 * it), model and hardware, duration, frames against expected_frames, compute units and pricing
 * profile, GPU figures, span breakdown, tags, hold, failure and completeness.
 */
final class TraceSummaryView {
  private TraceSummaryView() {}

  /** The summary block of a trace detail. */
  static KeyValues of(JsonNode d) {
    JsonNode t = d.path("trace");
    JsonNode s = d.path("summary");
    KeyValues kv = new KeyValues();
    kv.add("trace", Formats.text(t, "trace_id"));
    String status = Formats.text(t, "status");
    String reported = Formats.text(t, "reported_status");
    kv.add(
        "status",
        status
            + (reported.isEmpty() || reported.equals(status)
                ? ""
                : " (reported " + reported + ")"));
    kv.add("model", model(t));
    kv.add("created", Formats.time(Formats.text(t, "created_at"), true));
    kv.add(
        "duration",
        s.path("total_duration_ms").canConvertToLong() && !s.path("total_duration_ms").isNull()
            ? Formats.duration(s.path("total_duration_ms").asLong())
            : "not ended");
    String expected =
        t.path("expected_frames").isNumber()
            ? " of " + t.path("expected_frames").asInt() + " expected"
            : "";
    String fps =
        s.path("observed_fps").isNumber()
            ? ", " + Formats.number(s.path("observed_fps"), 1) + " fps observed"
            : "";
    kv.add(
        "frames",
        s.path("frame_count").asInt()
            + expected
            + ", "
            + s.path("event_count").asInt()
            + " events"
            + fps);
    JsonNode profile = s.path("pricing_profile");
    kv.add(
        "compute units",
        s.path("compute_units").isNumber()
            ? Formats.number(s.path("compute_units"), 3)
                + (profile.isObject()
                    ? " (profile "
                        + Formats.text(profile, "name")
                        + " "
                        + Formats.text(profile, "version")
                        + ")"
                    : "")
            : "not computed yet");
    List<String> gpu = new ArrayList<>();
    if (s.path("peak_vram_mb").isNumber()) {
      gpu.add("peak " + Formats.number(s.path("peak_vram_mb"), 0) + " MB VRAM");
    }
    if (s.path("avg_gpu_utilization_pct").isNumber()) {
      gpu.add("avg " + Formats.number(s.path("avg_gpu_utilization_pct"), 1) + " % utilization");
    }
    kv.add("gpu", String.join(", ", gpu));
    kv.add("span breakdown", breakdown(s.path("span_breakdown_pct")));
    kv.add("tags", Formats.pairs(t.path("tags"), 3));
    kv.add("legal hold", t.path("legal_hold").asBoolean(false) ? "yes" : "no");
    JsonNode failure = t.path("failure");
    if (failure.isObject()) {
      kv.add(
          "failure",
          Formats.text(failure, "code")
              + ": "
              + Formats.text(failure, "message")
              + (failure.path("retryable").asBoolean(false) ? " (retryable)" : ""));
    }
    JsonNode c = s.path("completeness");
    for (JsonNode r : c.path("reasons")) {
      kv.add("incomplete", Formats.text(r, "code") + ": " + Formats.text(r, "message"));
    }
    if (!c.path("missing_frames").isEmpty()) {
      List<String> ranges = new ArrayList<>();
      for (JsonNode r : c.path("missing_frames")) {
        int a = r.path("first").asInt();
        int b = r.path("last").asInt();
        ranges.add(a == b ? Integer.toString(a) : a + "-" + b);
      }
      kv.add(
          "missing frames",
          String.join(", ", ranges) + (c.path("truncated").asBoolean(false) ? ", ..." : ""));
    }
    if (s.path("frame_events_expired").asBoolean(false)) {
      kv.add("frame events", "expired (deleted by retention; the figures above were kept)");
    }
    return kv;
  }

  private static String model(JsonNode t) {
    JsonNode pc = t.path("pipeline_config");
    if (!pc.isObject()) {
      return Formats.text(t, "pipeline_config_ref");
    }
    List<String> parts = new ArrayList<>();
    parts.add(TracesListCommand.model(t));
    parts.add(pc.path("width").asInt() + "x" + pc.path("height").asInt());
    parts.add(
        pc.path("num_frames").asInt() + " frames @ " + Formats.number(pc.path("fps"), 2) + " fps");
    JsonNode hw = pc.path("hardware");
    if (hw.isObject()) {
      parts.add(Formats.text(hw, "gpu_type") + " x" + hw.path("gpu_count").asInt());
    }
    return String.join(", ", parts);
  }

  private static String breakdown(JsonNode pct) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    pct.fields().forEachRemaining(entries::add);
    entries.sort(
        Comparator.comparing((Map.Entry<String, JsonNode> e) -> e.getValue().asDouble())
            .reversed());
    List<String> out = new ArrayList<>();
    for (var e : entries) {
      out.add(e.getKey() + " " + Formats.number(e.getValue(), 1) + "%");
    }
    return String.join(", ", out);
  }

  /** The summary as FIELD,VALUE rows, for CSV. */
  static Table table(JsonNode d) {
    Table t = Table.of(Column.text("FIELD"), Column.text("VALUE"));
    for (String line : of(d).lines()) {
      int gap = line.indexOf("  ");
      t.row(line.substring(0, gap), line.substring(gap).strip());
    }
    return t;
  }
}
