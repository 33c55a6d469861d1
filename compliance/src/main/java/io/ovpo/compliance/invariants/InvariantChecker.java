package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the trace invariants of {@link Invariant} over one {@link TraceCapture}. Pure: no I/O, no
 * clock; the same capture always gives the same findings.
 */
public final class InvariantChecker {
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "PARTIAL", "CANCELLED");

  private final Tolerances tolerances;

  public InvariantChecker(Tolerances tolerances) {
    this.tolerances = tolerances;
  }

  /** The findings per invariant (every trace invariant present; an empty list means it holds). */
  public Map<Invariant, List<String>> check(TraceCapture capture) {
    Map<Invariant, List<String>> out = new EnumMap<>(Invariant.class);
    out.put(Invariant.TRACE_COMPLETENESS, completeness(capture));
    out.put(Invariant.SPAN_PARENTING, parenting(capture));
    out.put(Invariant.FRAME_INDEX_MONOTONIC, frameIndexes(capture));
    out.put(Invariant.MEDIA_TIME_MONOTONIC, mediaTimes(capture));
    out.put(Invariant.OBSERVED_AT_SKEW, skew(capture));
    return out;
  }

  // -- trace completeness ----------------------------------------------------------------------

  private List<String> completeness(TraceCapture c) {
    List<String> out = new ArrayList<>();
    if (c.trace().isEmpty()) {
      out.add(
          "no trace item was sent for trace "
              + c.traceId()
              + ": its "
              + c.spans().size()
              + " spans and "
              + c.events().size()
              + " frame events are orphans");
      return out;
    }
    JsonNode trace = c.trace().get();
    String reported = trace.path("reported_status").asText(trace.path("status").asText());
    if (!TERMINAL.contains(reported)) {
      out.add("the trace's last status is " + reported + ", not a terminal status");
    } else if (!trace.hasNonNull("ended_at")) {
      out.add("the trace is " + reported + " but has no ended_at");
    }
    for (JsonNode s : c.spans()) {
      if (!s.hasNonNull("end_time")) {
        out.add("span " + describe(s) + " never ended");
      }
    }
    if (reported.equals("COMPLETED") && trace.path("expected_frames").isIntegralNumber()) {
      int expected = trace.path("expected_frames").asInt();
      Set<Integer> present = countedFrames(c);
      List<String> missing = missingRanges(present, expected);
      if (!missing.isEmpty()) {
        out.add(
            "COMPLETED with frames missing against expected_frames "
                + expected
                + ": "
                + String.join(", ", missing));
      }
    }
    return out;
  }

  /** FRAME_GENERATED indexes, or FRAME_DECODED ones when no frame was generated (04 §6 rule 6). */
  private static Set<Integer> countedFrames(TraceCapture c) {
    Set<Integer> generated = new TreeSet<>();
    Set<Integer> decoded = new TreeSet<>();
    for (Observation o : c.events()) {
      if (o.type().equals("FRAME_GENERATED")) {
        generated.add(o.frameIndex());
      } else if (o.type().equals("FRAME_DECODED")) {
        decoded.add(o.frameIndex());
      }
    }
    return generated.isEmpty() ? decoded : generated;
  }

  static List<String> missingRanges(Set<Integer> present, int expected) {
    List<String> ranges = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= expected; i++) {
      boolean missing = i < expected && !present.contains(i);
      if (missing && start < 0) {
        start = i;
      } else if (!missing && start >= 0) {
        ranges.add(start == i - 1 ? Integer.toString(start) : start + "-" + (i - 1));
        start = -1;
      }
    }
    return ranges;
  }

  // -- span parenting --------------------------------------------------------------------------

  private List<String> parenting(TraceCapture c) {
    List<String> out = new ArrayList<>();
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    c.spans().forEach(s -> byId.put(s.path("span_id").asText(), s));
    Duration tol = tolerances.spanNesting();
    Optional<Instant> traceStart =
        c.trace().flatMap(t -> Times.parse(t.path("created_at").asText(null)));
    Optional<Instant> traceEnd =
        c.trace().flatMap(t -> Times.parse(t.path("ended_at").asText(null)));
    for (JsonNode s : c.spans()) {
      Optional<Instant> start = Times.parse(s.path("start_time").asText(null));
      Optional<Instant> end = Times.parse(s.path("end_time").asText(null));
      if (start.isPresent()
          && traceStart.isPresent()
          && start.get().isBefore(traceStart.get().minus(tol))) {
        out.add("span " + describe(s) + " starts before its trace was created");
      }
      if (end.isPresent() && traceEnd.isPresent() && end.get().isAfter(traceEnd.get().plus(tol))) {
        out.add("span " + describe(s) + " ends after its trace ended");
      }
      if (!s.hasNonNull("parent_span_id")) {
        continue;
      }
      String parentId = s.path("parent_span_id").asText();
      JsonNode parent = byId.get(parentId);
      if (parent == null) {
        out.add(
            "span "
                + describe(s)
                + " names parent "
                + parentId
                + ", which is not a span of the trace");
        continue;
      }
      Optional<Instant> pStart = Times.parse(parent.path("start_time").asText(null));
      Optional<Instant> pEnd = Times.parse(parent.path("end_time").asText(null));
      if (start.isPresent()
          && pStart.isPresent()
          && start.get().isBefore(pStart.get().minus(tol))) {
        out.add(
            "span "
                + describe(s)
                + " starts "
                + Duration.between(start.get(), pStart.get()).toMillis()
                + " ms before its parent "
                + describe(parent));
      }
      if (end.isPresent() && pEnd.isPresent() && end.get().isAfter(pEnd.get().plus(tol))) {
        out.add(
            "span "
                + describe(s)
                + " ends "
                + Duration.between(pEnd.get(), end.get()).toMillis()
                + " ms after its parent "
                + describe(parent));
      }
    }
    out.addAll(cycles(byId));
    for (Observation o : c.events()) {
      String spanId = o.event().path("span_id").asText(null);
      if (spanId != null && !byId.containsKey(spanId)) {
        out.add(
            o.type()
                + " event "
                + o.eventId()
                + " (frame "
                + o.frameIndex()
                + ") names span "
                + spanId
                + ", which is not a span of the trace");
      }
    }
    return out;
  }

  private static List<String> cycles(Map<String, JsonNode> byId) {
    List<String> out = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (String id : byId.keySet()) {
      List<String> path = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      String cur = id;
      while (cur != null && byId.containsKey(cur) && seen.add(cur)) {
        path.add(cur);
        cur = byId.get(cur).path("parent_span_id").asText(null);
      }
      if (cur != null && seen.contains(cur) && reported.add(cur)) {
        List<String> cycle = path.subList(path.indexOf(cur), path.size());
        reported.addAll(cycle);
        out.add("spans form a parent cycle: " + String.join(" -> ", cycle) + " -> " + cur);
      }
    }
    return out;
  }

  // -- frame events ------------------------------------------------------------------------------

  /** Events of each type, in the processor's order: frame_index, observed_at, event_id. */
  private static Map<String, List<Observation>> byType(TraceCapture c) {
    Map<String, List<Observation>> out = new LinkedHashMap<>();
    for (Observation o : c.events()) {
      out.computeIfAbsent(o.type(), t -> new ArrayList<>()).add(o);
    }
    Comparator<Observation> order =
        Comparator.comparingInt(Observation::frameIndex)
            .thenComparing(o -> o.observedAt().orElse(Instant.MIN))
            .thenComparing(Observation::eventId);
    out.values().forEach(l -> l.sort(order));
    return out;
  }

  private List<String> frameIndexes(TraceCapture c) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Observation>> e : byType(c).entrySet()) {
      Map<Integer, String> firstId = new HashMap<>();
      for (Observation o : e.getValue()) {
        String earlier = firstId.putIfAbsent(o.frameIndex(), o.eventId());
        if (earlier != null) {
          out.add(
              e.getKey()
                  + " frame "
                  + o.frameIndex()
                  + " repeats under events "
                  + earlier
                  + " and "
                  + o.eventId());
        }
      }
      List<Observation> byTime = new ArrayList<>(e.getValue());
      byTime.sort(
          Comparator.comparing((Observation o) -> o.observedAt().orElse(Instant.MIN))
              .thenComparingInt(Observation::frameIndex));
      Observation highest = null;
      for (Observation o : byTime) {
        if (highest != null && o.frameIndex() < highest.frameIndex()) {
          out.add(
              e.getKey()
                  + " frame "
                  + o.frameIndex()
                  + " was observed at "
                  + o.event().path("observed_at").asText()
                  + ", after frame "
                  + highest.frameIndex()
                  + " (observed at "
                  + highest.event().path("observed_at").asText()
                  + ")");
        }
        if (highest == null || o.frameIndex() > highest.frameIndex()) {
          highest = o;
        }
      }
    }
    return out;
  }

  private List<String> mediaTimes(TraceCapture c) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Observation>> e : byType(c).entrySet()) {
      Observation previous = null;
      for (Observation o : e.getValue()) {
        if (previous != null && o.mediaTime() < previous.mediaTime()) {
          out.add(
              e.getKey()
                  + " frame "
                  + o.frameIndex()
                  + " has media_time_ms "
                  + o.mediaTime()
                  + ", less than frame "
                  + previous.frameIndex()
                  + "'s "
                  + previous.mediaTime());
        }
        previous = o;
      }
    }
    return out;
  }

  private List<String> skew(TraceCapture c) {
    List<String> out = new ArrayList<>();
    Duration tol = tolerances.observedAtSkew();
    for (Map.Entry<String, List<Observation>> e : byType(c).entrySet()) {
      Instant latest = null;
      for (Observation o : e.getValue()) {
        Optional<Instant> at = o.observedAt();
        if (at.isEmpty()) {
          continue;
        }
        if (latest != null && at.get().isBefore(latest.minus(tol))) {
          out.add(
              e.getKey()
                  + " frame "
                  + o.frameIndex()
                  + " was observed "
                  + Duration.between(at.get(), latest).toMillis()
                  + " ms before an earlier frame"
                  + " (tolerance "
                  + tol.toMillis()
                  + " ms)");
        }
        if (o.receivedAt().isPresent() && at.get().isAfter(o.receivedAt().get().plus(tol))) {
          out.add(
              e.getKey()
                  + " frame "
                  + o.frameIndex()
                  + " was observed "
                  + Duration.between(o.receivedAt().get(), at.get()).toMillis()
                  + " ms after it was received (tolerance "
                  + tol.toMillis()
                  + " ms)");
        }
        latest = latest == null || at.get().isAfter(latest) ? at.get() : latest;
      }
    }
    return out;
  }

  private static String describe(JsonNode span) {
    return span.path("span_id").asText()
        + " ("
        + span.path("span_kind").asText()
        + " "
        + span.path("name").asText()
        + ")";
  }
}
