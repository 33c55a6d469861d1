package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;

/** Test helpers around the CLI's JSON output and the server's eventual consistency. */
final class Traces {
  static final long TIMEOUT_MILLIS = 20_000;

  private Traces() {}

  static JsonNode json(CliRun.Result r) {
    try {
      return WireJson.parse(r.out().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r, e);
    }
  }

  /**
   * Polls {@code ovpo traces get ID -o json} until the trace is stored with its spans and frames
   * and judged COMPLETED. Processing is asynchronous: frames sent in a later batch than the final
   * state can get the trace judged PARTIAL first, until the reconciliation they schedule runs.
   */
  static JsonNode awaitCompleted(CliRun cli, TraceFixture f) throws InterruptedException {
    return await(cli, f, true);
  }

  /** Polls until the trace is stored with its spans, frames and manifest, whatever its verdict. */
  static JsonNode awaitStored(CliRun cli, TraceFixture f) throws InterruptedException {
    return await(cli, f, false);
  }

  private static JsonNode await(CliRun cli, TraceFixture f, boolean completed)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
    CliRun.Result last = null;
    while (System.nanoTime() < deadline) {
      last = cli.run("traces", "get", f.traceId, "-o", "json");
      if (last.exit() == 0) {
        JsonNode d = json(last);
        if (d.path("spans").size() == 5
            && d.path("summary").path("frame_count").asInt() == f.frames
            && !d.path("artifacts").isEmpty()
            && (!completed || d.path("trace").path("status").asText().equals("COMPLETED"))) {
          return d;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("trace " + f.traceId + " not stored in time; last: " + last);
  }
}
