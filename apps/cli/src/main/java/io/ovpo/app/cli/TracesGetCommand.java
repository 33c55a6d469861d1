package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.OutputFormat;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo traces get ID}: one trace, readable. */
@Command(
    name = "get",
    description = {
      "Show one trace: its summary (status, model, durations, frames, compute units, GPU,"
          + " completeness), a span timeline, a frame-event table and its artifacts.",
      "--output json prints the server's answer whole; --output csv prints one --section."
    })
final class TracesGetCommand extends BaseCommand {
  /** The parts of the display. */
  enum Section {
    summary,
    spans,
    frames,
    artifacts
  }

  @Parameters(index = "0", paramLabel = "TRACE_ID")
  String traceId;

  @Option(
      names = "--frames",
      paramLabel = "N|all",
      description = "Frame events shown in the table (default: ${DEFAULT-VALUE}).")
  String frames = "20";

  @Option(
      names = "--section",
      paramLabel = "SECTION",
      description = "Show only ${COMPLETION-CANDIDATES} (csv: default spans).")
  Section section;

  @Option(
      names = "--events-limit",
      paramLabel = "N",
      description = "Frame events the server returns, 1..100000 (server default 20000).")
  Integer eventsLimit;

  @Override
  public Integer call() {
    Ids.uuid(traceId, "TRACE_ID");
    int maxFrames = frameCount();
    JsonNode detail =
        client()
            .get(
                "/v1/traces/" + traceId,
                Query.create()
                    .add("events_limit", Optional.ofNullable(eventsLimit).map(String::valueOf)));
    Printer p = printer();
    if (p.format() == OutputFormat.JSON) {
      p.json(detail);
      return ExitCodes.OK;
    }
    if (p.format() == OutputFormat.CSV) {
      Section s = section == null ? Section.spans : section;
      switch (s) {
        case summary -> p.table(TraceSummaryView.table(detail));
        case spans -> p.table(TraceTables.spans(detail.path("spans")));
        case frames -> p.table(TraceTables.frames(list(detail.path("frame_events")), false));
        case artifacts -> p.table(TraceTables.artifacts(detail.path("artifacts"), false));
      }
      return ExitCodes.OK;
    }
    List<Section> shown = section == null ? List.of(Section.values()) : List.of(section);
    boolean first = true;
    for (Section s : shown) {
      if (!first) {
        p.line("");
      }
      first = false;
      switch (s) {
        case summary -> p.keyValues(TraceSummaryView.of(detail));
        case spans -> spans(p, detail);
        case frames -> frames(p, detail, maxFrames);
        case artifacts -> {
          p.line("ARTIFACTS (" + detail.path("artifacts").size() + ")");
          if (!detail.path("artifacts").isEmpty()) {
            p.table(TraceTables.artifacts(detail.path("artifacts"), true));
          }
        }
      }
    }
    return ExitCodes.OK;
  }

  private int frameCount() {
    if (frames.equalsIgnoreCase("all")) {
      return Integer.MAX_VALUE;
    }
    try {
      int n = Integer.parseInt(frames);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CliException.usage("--frames takes a number >= 0 or 'all', got '" + frames + "'");
  }

  private void spans(Printer p, JsonNode d) {
    List<JsonNode> spans = list(d.path("spans"));
    p.line("SPANS (" + spans.size() + ")");
    if (!spans.isEmpty()) {
      p.table(Timeline.of(d.path("trace"), spans, p.width(), p.glyphs()));
    }
  }

  private void frames(Printer p, JsonNode d, int max) {
    List<JsonNode> events = list(d.path("frame_events"));
    int total = d.path("summary").path("event_count").asInt(events.size());
    List<JsonNode> shown = events.subList(0, Math.min(max, events.size()));
    p.line(
        "FRAME EVENTS ("
            + (shown.size() < total ? "first " + shown.size() + " of " : "")
            + total
            + ")");
    if (!shown.isEmpty()) {
      p.table(TraceTables.frames(shown, true));
    }
    if (shown.size() < events.size()) {
      note("showing " + shown.size() + " frame events: --frames all for every one");
    } else if (d.path("events_has_more").asBoolean(false)) {
      note(
          "the server returned the first " + events.size() + " frame events: raise --events-limit");
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
