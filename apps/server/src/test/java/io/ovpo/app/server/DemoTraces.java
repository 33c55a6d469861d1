package io.ovpo.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Waits for the demo's six traces to be settled. Processing is asynchronous and eventually
 * consistent: two workers may apply a job's final state before its frames, so a trace can be judged
 * PARTIAL first and judged again by the reconciliation that the late frames schedule (2 s after
 * them, on a 1 s timer). "Settled" therefore means: six terminal traces whose details all carry
 * compute units, unchanged for {@value #QUIET_MILLIS} ms.
 */
final class DemoTraces {
  static final int COUNT = 6;
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "PARTIAL", "CANCELLED");
  private static final long POLL_MILLIS = 700;
  static final long QUIET_MILLIS = 4_000;

  private DemoTraces() {}

  /**
   * Polls until settled or until {@code timeoutMillis} passed (then the caller's assertions report
   * what is missing).
   *
   * @return the last trace list seen
   */
  static List<JsonNode> awaitSettled(Http http, String key, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    List<JsonNode> traces = List.of();
    String previous = null;
    long since = 0;
    while (System.nanoTime() - deadline < 0) {
      Http.Reply r = http.get("/v1/traces?limit=200", key);
      if (r.status() == 200) {
        traces = new ArrayList<>();
        r.json().path("data").forEach(traces::add);
        String snapshot = snapshot(http, key, traces);
        if (snapshot == null || !snapshot.equals(previous)) {
          previous = snapshot;
          since = System.nanoTime();
        } else if (System.nanoTime() - since >= QUIET_MILLIS * 1_000_000) {
          return traces;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
    return traces;
  }

  /** Statuses, frame counts and compute units of settled-looking traces; null when not there. */
  private static String snapshot(Http http, String key, List<JsonNode> traces) {
    if (traces.size() < COUNT
        || traces.stream().anyMatch(t -> !TERMINAL.contains(t.path("status").asText()))) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode t : traces) {
      Http.Reply d = http.get("/v1/traces/" + t.path("trace_id").asText(), key);
      JsonNode summary = d.status() == 200 ? d.json().path("summary") : null;
      if (summary == null || summary.path("compute_units").isNull()) {
        return null;
      }
      sb.append(t.path("trace_id").asText())
          .append(' ')
          .append(t.path("status").asText())
          .append(' ')
          .append(summary.path("frame_count").asText())
          .append(' ')
          .append(summary.path("compute_units").asText())
          .append('\n');
    }
    return sb.toString();
  }
}
