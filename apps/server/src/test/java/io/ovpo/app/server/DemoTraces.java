package io.ovpo.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Waits for the demo's six traces to be listed and settled (processing is asynchronous). */
final class DemoTraces {
  static final int COUNT = 6;
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "PARTIAL", "CANCELLED");
  private static final long POLL_MILLIS = 300;

  private DemoTraces() {}

  /**
   * Polls {@code GET /v1/traces} until the six demo traces are terminal, one of them PARTIAL, and
   * each detail has its compute units, or until {@code timeoutMillis} passed (then the caller's
   * assertions report what is missing).
   *
   * @return the last trace list seen
   */
  static List<JsonNode> awaitSettled(Http http, String key, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    List<JsonNode> traces = List.of();
    while (System.nanoTime() - deadline < 0) {
      Http.Reply r = http.get("/v1/traces?limit=200", key);
      if (r.status() == 200) {
        traces = new ArrayList<>();
        r.json().path("data").forEach(traces::add);
        if (settled(http, key, traces)) {
          return traces;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
    return traces;
  }

  private static boolean settled(Http http, String key, List<JsonNode> traces) {
    if (traces.size() < COUNT
        || traces.stream().anyMatch(t -> !TERMINAL.contains(t.path("status").asText()))
        || traces.stream().noneMatch(t -> t.path("status").asText().equals("PARTIAL"))) {
      return false;
    }
    for (JsonNode t : traces) {
      Http.Reply d = http.get("/v1/traces/" + t.path("trace_id").asText(), key);
      if (d.status() != 200 || d.json().path("summary").path("compute_units").isNull()) {
        return false;
      }
    }
    return true;
  }
}
