package io.ovpo.app.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trace's spans as a table with a bar chart: one row per span in start order, the name indented
 * under its parent, the offset from the trace's start, the duration, the status, and a bar showing
 * where the span lies in the trace. Spans still open are drawn to the end in a lighter glyph.
 */
public final class Timeline {
  static final int MIN_BAR = 12;
  static final int MAX_INDENT = 4;
  static final int MIN_NAME = 14;

  private Timeline() {}

  /**
   * The timeline table.
   *
   * @param trace the trace view (for started_at and ended_at)
   * @param spans the span views, in start order
   * @param width the terminal width
   */
  public static Table of(JsonNode trace, List<JsonNode> spans, int width, Glyphs g) {
    Instant t0 = start(trace, spans);
    Instant t1 = end(trace, spans, t0);
    long total = Math.max(1, t1.toEpochMilli() - t0.toEpochMilli());
    Map<String, Integer> depth = depths(spans);

    List<List<String>> left = new ArrayList<>();
    for (JsonNode s : spans) {
      int d = Math.min(MAX_INDENT, depth.getOrDefault(Formats.text(s, "span_id"), 0));
      long offset = at(s, "start_time").map(i -> i.toEpochMilli() - t0.toEpochMilli()).orElse(0L);
      left.add(
          List.of(
              "  ".repeat(d) + Formats.text(s, "name"),
              Formats.text(s, "span_kind"),
              "+" + Formats.duration(offset),
              Formats.duration(s, "duration_ms"),
              Formats.text(s, "status")));
    }
    int spanWidth = "SPAN".length();
    for (List<String> r : left) {
      spanWidth = Math.max(spanWidth, r.get(0).length());
    }
    int spanKept = Math.min(spanWidth, MIN_NAME);
    int others = naturalWidth(left) - spanWidth;
    // The bar takes what the columns leave, at least a third of the width, but not so much that
    // span names are cut below MIN_NAME characters.
    int bar = Math.max(width / 3, width - others - spanWidth - TableRenderer.GAP.length());
    bar = Math.min(bar, width - others - spanKept - TableRenderer.GAP.length());
    bar = Math.max(MIN_BAR, bar);

    Table table =
        Table.of(
            new Column("SPAN", false, spanKept, true),
            Column.fixed("KIND"),
            Column.number("START"),
            Column.number("DURATION"),
            Column.fixed("STATUS"),
            new Column(axis(total, bar), false, bar, false));
    for (int i = 0; i < spans.size(); i++) {
      JsonNode s = spans.get(i);
      List<String> cells = new ArrayList<>(left.get(i));
      cells.add(bar(s, t0, t1, total, bar, g));
      table.row(cells);
    }
    return table;
  }

  /** {@code 0 ............ 1m 35s}: the axis heading, exactly {@code width} wide. */
  static String axis(long totalMs, int width) {
    String end = Formats.duration(totalMs);
    int gap = width - 1 - end.length();
    return gap < 1 ? "0".repeat(1) + " ".repeat(width - 1) : "0" + " ".repeat(gap) + end;
  }

  private static String bar(JsonNode s, Instant t0, Instant t1, long total, int width, Glyphs g) {
    Optional<Instant> start = at(s, "start_time");
    if (start.isEmpty()) {
      return " ".repeat(width);
    }
    Optional<Instant> endTime = at(s, "end_time");
    long from = start.get().toEpochMilli() - t0.toEpochMilli();
    long to = endTime.orElse(t1).toEpochMilli() - t0.toEpochMilli();
    int a = (int) Math.min(width - 1, Math.floor((double) from / total * width));
    int b = (int) Math.min(width, Math.ceil((double) to / total * width));
    b = Math.max(b, a + 1);
    String glyph = endTime.isPresent() ? g.bar() : g.open();
    return " ".repeat(a) + glyph.repeat(b - a) + " ".repeat(width - b);
  }

  private static Instant start(JsonNode trace, List<JsonNode> spans) {
    Instant t0 = at(trace, "started_at").orElse(null);
    for (JsonNode s : spans) {
      Optional<Instant> st = at(s, "start_time");
      if (st.isPresent() && (t0 == null || st.get().isBefore(t0))) {
        t0 = st.get();
      }
    }
    return t0 != null ? t0 : at(trace, "created_at").orElse(Instant.EPOCH);
  }

  private static Instant end(JsonNode trace, List<JsonNode> spans, Instant t0) {
    Instant t1 = at(trace, "ended_at").orElse(t0);
    for (JsonNode s : spans) {
      for (String f : new String[] {"end_time", "start_time"}) {
        Optional<Instant> t = at(s, f);
        if (t.isPresent() && t.get().isAfter(t1)) {
          t1 = t.get();
        }
      }
    }
    return t1;
  }

  /** Depth of each span under its ancestors present in the list; cycles and orphans are roots. */
  static Map<String, Integer> depths(List<JsonNode> spans) {
    Map<String, String> parent = new HashMap<>();
    for (JsonNode s : spans) {
      parent.put(Formats.text(s, "span_id"), Formats.text(s, "parent_span_id"));
    }
    Map<String, Integer> out = new HashMap<>();
    for (String id : parent.keySet()) {
      int d = 0;
      Set<String> seen = new HashSet<>();
      String p = parent.get(id);
      while (!p.isEmpty() && parent.containsKey(p) && seen.add(p)) {
        d++;
        p = parent.get(p);
      }
      out.put(id, d);
    }
    return out;
  }

  private static int naturalWidth(List<List<String>> rows) {
    String[] headers = {"SPAN", "KIND", "START", "DURATION", "STATUS"};
    int total = 0;
    for (int i = 0; i < headers.length; i++) {
      int w = headers[i].length();
      for (List<String> r : rows) {
        w = Math.max(w, r.get(i).length());
      }
      total += w + TableRenderer.GAP.length();
    }
    return total - TableRenderer.GAP.length();
  }

  private static Optional<Instant> at(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireJson.parseInstant(v.asText()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
