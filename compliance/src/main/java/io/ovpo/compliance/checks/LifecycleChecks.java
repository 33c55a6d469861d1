package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import java.time.Instant;
import java.util.List;

/** The trace lifecycle and merge rules (spec 04 §4.1, §5). */
public final class LifecycleChecks {
  private LifecycleChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "lifecycle.terminal-is-final",
            "04 §5",
            "A terminal trace never leaves its terminal status: another terminal update is a"
                + " conflict that changes nothing",
            LifecycleChecks::terminalIsFinal),
        check(
            "lifecycle.lower-rank-ignored",
            "04 §5",
            "A late RUNNING or PENDING update of a terminal trace is ignored",
            LifecycleChecks::lowerRankIgnored),
        check(
            "lifecycle.terminal-fill-in",
            "04 §5 fill-in",
            "The same terminal status may add values the trace lacked, never change set ones",
            LifecycleChecks::terminalFillIn),
        check(
            "lifecycle.merge-rules",
            "04 §4.1",
            "Updates keep the earliest created_at, union tags and keep legal_hold sticky",
            LifecycleChecks::mergeRules),
        check(
            "lifecycle.any-first-status",
            "04 §5 apply",
            "A trace may be first seen in any status, and PENDING may jump to a terminal one",
            LifecycleChecks::anyFirstStatus));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "lifecycle", spec, title, body);
  }

  /** Sends {@code update} followed by a sentinel span and waits until both were applied. */
  static JsonNode applyThenRead(Session s, String traceId, ObjectNode update, Instant at) {
    ObjectNode sentinel = Items.sentinel(traceId, at);
    s.ingestAll(Batch.of().trace(update).span(sentinel));
    return s.awaitSpan(s.apiKey(), traceId, sentinel.path("span_id").asText());
  }

  static void terminalIsFinal(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode completed = s.items().trace(traceId, "COMPLETED", t0);
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "RUNNING", t0)));
    s.ingestAll(Batch.of().trace(completed));
    s.awaitTrace(traceId, "COMPLETED", d -> Details.reported(d).equals("COMPLETED"));
    for (String other : List.of("FAILED", "CANCELLED", "PARTIAL")) {
      JsonNode d =
          applyThenRead(s, traceId, s.items().trace(traceId, other, t0), t0.plusSeconds(2));
      equal(Details.reported(d), "COMPLETED", "reported_status after a " + other + " update");
      equal(Details.status(d), "COMPLETED", "status after a " + other + " update");
      that(
          !d.path("trace").has("failure") || d.path("trace").path("failure").isNull(),
          "a conflicting FAILED update must not add its failure: %s",
          d.path("trace"));
    }
    JsonNode again = applyThenRead(s, traceId, completed.deepCopy(), t0.plusSeconds(3));
    equal(Details.reported(again), "COMPLETED", "re-ingesting the same terminal state");
  }

  static void lowerRankIgnored(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "FAILED", t0)));
    s.awaitTrace(traceId, "FAILED", d -> Details.reported(d).equals("FAILED"));
    for (String lower : List.of("RUNNING", "PENDING")) {
      JsonNode d =
          applyThenRead(s, traceId, s.items().trace(traceId, lower, t0), t0.plusSeconds(2));
      equal(Details.reported(d), "FAILED", "reported_status after a late " + lower);
      equal(d.path("trace").path("failure").path("code").asText(), "OOM", "failure kept");
    }
  }

  static void terminalFillIn(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode bare = s.items().trace(traceId, "CANCELLED", t0);
    bare.remove("ended_at");
    s.ingestAll(Batch.of().trace(bare));
    s.awaitTrace(traceId, "CANCELLED", d -> Details.reported(d).equals("CANCELLED"));
    ObjectNode more = bare.deepCopy();
    more.put("ended_at", Items.ts(t0.plusSeconds(30)));
    ((ObjectNode) more.path("tags")).put("late", "yes");
    JsonNode d = applyThenRead(s, traceId, more, t0.plusSeconds(2));
    equal(d.path("trace").path("ended_at").asText(), Items.ts(t0.plusSeconds(30)), "late ended_at");
    equal(d.path("trace").path("tags").path("late").asText(), "yes", "new tag of a fill-in");
    ObjectNode changed = more.deepCopy();
    changed.put("ended_at", Items.ts(t0.plusSeconds(50)));
    ((ObjectNode) changed.path("tags")).put("late", "no");
    JsonNode after = applyThenRead(s, traceId, changed, t0.plusSeconds(3));
    equal(
        after.path("trace").path("ended_at").asText(),
        Items.ts(t0.plusSeconds(30)),
        "ended_at after a conflicting fill-in");
    equal(
        after.path("trace").path("tags").path("late").asText(),
        "yes",
        "tag after a conflicting fill-in");
  }

  static void mergeRules(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode running = s.items().trace(traceId, "RUNNING", t0);
    ((ObjectNode) running.path("tags")).put("stage", "one");
    running.put("legal_hold", true);
    s.ingestAll(Batch.of().trace(running));
    s.awaitTrace(traceId, "RUNNING", d -> Details.reported(d).equals("RUNNING"));
    ObjectNode completed = s.items().trace(traceId, "COMPLETED", t0.plusSeconds(5));
    completed.put("started_at", Items.ts(t0.plusSeconds(6)));
    ((ObjectNode) completed.path("tags")).put("result", "ok");
    completed.put("legal_hold", false);
    JsonNode d = applyThenRead(s, traceId, completed, t0.plusSeconds(7));
    JsonNode trace = d.path("trace");
    equal(Details.reported(d), "COMPLETED", "reported_status");
    equal(trace.path("created_at").asText(), Items.ts(t0), "created_at keeps the earlier value");
    equal(trace.path("tags").path("stage").asText(), "one", "tag of the first update kept");
    equal(trace.path("tags").path("result").asText(), "ok", "tag of the second update added");
    equal(trace.path("legal_hold").asBoolean(false), true, "legal_hold is sticky");
  }

  static void anyFirstStatus(Session s) {
    String first = Items.id();
    Instant t0 = Items.past();
    s.ingestAll(Batch.of().trace(s.items().trace(first, "CANCELLED", t0)));
    String jump = Items.id();
    s.ingestAll(Batch.of().trace(s.items().trace(jump, "PENDING", t0)));
    s.awaitTrace(jump, "PENDING", d -> Details.reported(d).equals("PENDING"));
    s.ingestAll(Batch.of().trace(s.items().trace(jump, "COMPLETED", t0)));
    s.awaitTrace(
        first, "a trace first seen CANCELLED", d -> Details.reported(d).equals("CANCELLED"));
    s.awaitTrace(jump, "PENDING then COMPLETED", d -> Details.reported(d).equals("COMPLETED"));
  }
}
