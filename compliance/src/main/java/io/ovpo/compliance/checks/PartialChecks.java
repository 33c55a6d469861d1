package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Expect;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The processor's verdict: frame checks and PARTIAL (spec 04 §5.1, §6). */
public final class PartialChecks {
  private PartialChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "partial.missing-frames",
            "04 §6 rule 6, §5.1",
            "Frames missing against expected_frames make a COMPLETED trace PARTIAL with merged"
                + " missing ranges; reported_status stays COMPLETED",
            PartialChecks::missingFrames),
        check(
            "partial.media-time-decreased",
            "04 §6 rule 2",
            "A media_time_ms that decreases in frame_index order is MEDIA_TIME_DECREASED",
            PartialChecks::mediaTimeDecreased),
        check(
            "partial.duplicate-frame-index",
            "04 §6 rule 3, rule 7",
            "A frame_index repeated under another event_id is DUPLICATE_FRAME_INDEX, GPU_SAMPLE"
                + " included",
            PartialChecks::duplicateFrameIndex),
        check(
            "partial.observed-at-regression",
            "04 §6 rule 4",
            "observed_at going back more than 5,000 ms is OBSERVED_AT_REGRESSION; exactly 5,000"
                + " ms is tolerated",
            PartialChecks::observedAtRegression),
        check(
            "partial.observed-at-in-future",
            "04 §6 rule 5",
            "observed_at more than 5 s after the receive time is OBSERVED_AT_IN_FUTURE",
            PartialChecks::observedAtInFuture),
        check(
            "partial.arrival-order-irrelevant",
            "04 §6 rule 1",
            "Frames are checked in frame_index order, never arrival order, and per event type",
            PartialChecks::arrivalOrderIrrelevant),
        check(
            "partial.failed-is-never-overruled",
            "04 §5.1 rule 3",
            "A FAILED trace stays FAILED; its verdict is still computed and shown",
            PartialChecks::failedNotOverruled),
        check(
            "partial.late-frames-heal-the-verdict",
            "04 §5.1 rule 5",
            "Late frames that fill the only missing range turn PARTIAL back into COMPLETED",
            PartialChecks::lateFramesHeal),
        check(
            "partial.reported-by-client",
            "04 §5.1 rule 3",
            "A client-sent PARTIAL carries the reason REPORTED_BY_CLIENT",
            PartialChecks::reportedByClient),
        check(
            "partial.status-filter-uses-effective-status",
            "05 §2, 04 §5.1 rule 4",
            "The trace list's status filter matches the effective status",
            PartialChecks::statusFilter));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "partial", spec, title, body);
  }

  /** A COMPLETED trace with one ended span (so reconciliation stores compute units). */
  static Batch completedTrace(Session s, String traceId, Instant t0, int expectedFrames) {
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    if (expectedFrames >= 0) {
      trace.put("expected_frames", expectedFrames);
    }
    return Batch.of()
        .trace(trace)
        .span(Items.span(traceId, "SAMPLING", t0.plusSeconds(1), t0.plusSeconds(20)));
  }

  static JsonNode awaitPartial(Session s, String traceId, String code) {
    return s.awaitTrace(
        traceId,
        "PARTIAL with reason " + code,
        d -> Details.status(d).equals("PARTIAL") && Details.reasonCodes(d).contains(code));
  }

  static JsonNode awaitCleanCompleted(Session s, String traceId) {
    return s.awaitStable(
        s.apiKey(),
        traceId,
        "COMPLETED without reasons",
        d ->
            Details.reconciled(d)
                && Details.status(d).equals("COMPLETED")
                && Details.reasonCodes(d).isEmpty());
  }

  private static void expectReason(
      JsonNode d, String code, String eventType, int frameIndex, String eventId) {
    JsonNode r =
        Details.reason(d, code)
            .orElseThrow(
                () -> new CheckFailure("no " + code + " reason: " + Details.completeness(d)));
    equal(r.path("event_type").asText(null), eventType, code + " event_type");
    equal(r.path("frame_index").asInt(-1), frameIndex, code + " frame_index");
    if (eventId != null) {
      equal(r.path("event_id").asText(null), eventId, code + " event_id");
    }
    String message = r.path("message").asText("");
    that(!message.isEmpty() && message.length() <= 1024, "%s message must be 1..1024 chars", code);
  }

  static void missingFrames(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, 10);
    for (int i : new int[] {0, 1, 2, 5, 6}) {
      b.frame(Items.generated(traceId, i, t0.plusSeconds(2)));
    }
    s.ingestAll(b);
    JsonNode d = awaitPartial(s, traceId, "MISSING_FRAMES");
    equal(Details.reported(d), "COMPLETED", "reported_status");
    List<Map<String, Integer>> ranges = new ArrayList<>();
    Details.completeness(d)
        .path("missing_frames")
        .forEach(
            r ->
                ranges.add(
                    Map.of("first", r.path("first").asInt(), "last", r.path("last").asInt())));
    equal(
        ranges,
        List.of(Map.of("first", 3, "last", 4), Map.of("first", 7, "last", 9)),
        "missing_frames");
    expectReason(d, "MISSING_FRAMES", "FRAME_GENERATED", 3, null);
    equal(Details.completeness(d).path("truncated").asBoolean(true), false, "truncated");
    equal(Details.frameCount(d), 5, "frame_count");
  }

  static void mediaTimeDecreased(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, 4);
    long[] media = {0, 40, 30, 120};
    String offending = null;
    for (int i = 0; i < 4; i++) {
      ObjectNode e =
          Items.frame(
              traceId, "FRAME_GENERATED", i, media[i], t0.plusSeconds(2).plusMillis(40L * i));
      if (i == 2) {
        offending = e.path("event_id").asText();
      }
      b.frame(e);
    }
    s.ingestAll(b);
    JsonNode d = awaitPartial(s, traceId, "MEDIA_TIME_DECREASED");
    expectReason(d, "MEDIA_TIME_DECREASED", "FRAME_GENERATED", 2, offending);
    equal(Details.reasonCodes(d), List.of("MEDIA_TIME_DECREASED"), "reasons");
  }

  static void duplicateFrameIndex(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, -1);
    Instant at = t0.plusSeconds(2);
    b.frame(Items.frame(traceId, "GPU_SAMPLE", 0, 0, at));
    b.frame(Items.frame(traceId, "GPU_SAMPLE", 1, 40, at.plusMillis(40)));
    ObjectNode repeat = Items.frame(traceId, "GPU_SAMPLE", 1, 40, at.plusMillis(80));
    b.frame(repeat);
    s.ingestAll(b);
    JsonNode d = awaitPartial(s, traceId, "DUPLICATE_FRAME_INDEX");
    expectReason(d, "DUPLICATE_FRAME_INDEX", "GPU_SAMPLE", 1, repeat.path("event_id").asText());
  }

  static void observedAtRegression(Session s) {
    Instant t0 = Items.past();
    String regressing = Items.id();
    Batch b = completedTrace(s, regressing, t0, 3);
    b.frame(Items.frame(regressing, "FRAME_GENERATED", 0, 0, t0.plusSeconds(10)));
    b.frame(Items.frame(regressing, "FRAME_GENERATED", 1, 40, t0.plusSeconds(20)));
    ObjectNode late =
        Items.frame(regressing, "FRAME_GENERATED", 2, 80, t0.plusSeconds(14).plusMillis(999));
    b.frame(late);
    String tolerated = Items.id();
    Batch ok = completedTrace(s, tolerated, t0, 3);
    ok.frame(Items.frame(tolerated, "FRAME_GENERATED", 0, 0, t0.plusSeconds(10)));
    ok.frame(Items.frame(tolerated, "FRAME_GENERATED", 1, 40, t0.plusSeconds(20)));
    ok.frame(Items.frame(tolerated, "FRAME_GENERATED", 2, 80, t0.plusSeconds(15)));
    s.ingestAll(b);
    s.ingestAll(ok);
    JsonNode d = awaitPartial(s, regressing, "OBSERVED_AT_REGRESSION");
    expectReason(d, "OBSERVED_AT_REGRESSION", "FRAME_GENERATED", 2, late.path("event_id").asText());
    awaitCleanCompleted(s, tolerated);
  }

  static void observedAtInFuture(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, -1);
    ObjectNode future =
        Items.frame(traceId, "FRAME_GENERATED", 0, 0, Instant.now().plusSeconds(120));
    b.frame(future);
    s.ingestAll(b);
    JsonNode d = awaitPartial(s, traceId, "OBSERVED_AT_IN_FUTURE");
    expectReason(
        d, "OBSERVED_AT_IN_FUTURE", "FRAME_GENERATED", 0, future.path("event_id").asText());
  }

  static void arrivalOrderIrrelevant(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    s.ingestAll(completedTrace(s, traceId, t0, 6));
    for (int i = 5; i >= 0; i -= 2) {
      Batch b = Batch.of();
      for (int j = i; j > i - 2; j--) {
        b.frame(Items.generated(traceId, j, t0.plusSeconds(2)));
        // the same indexes under another event type are no duplicates (checks run per type)
        b.frame(
            Items.frame(
                traceId,
                "FRAME_DECODED",
                j,
                j * 1000L / 24,
                t0.plusSeconds(3).plusMillis(40L * j)));
      }
      s.ingestAll(b);
    }
    s.awaitTrace(traceId, "12 frame events", d -> Details.eventCount(d) == 12);
    JsonNode d = awaitCleanCompleted(s, traceId);
    equal(Details.frameCount(d), 6, "frame_count");
  }

  static void failedNotOverruled(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode trace = s.items().trace(traceId, "FAILED", t0);
    trace.put("expected_frames", 8);
    Batch b =
        Batch.of()
            .trace(trace)
            .span(Items.span(traceId, "SAMPLING", t0.plusSeconds(1), t0.plusSeconds(20)));
    for (int i = 0; i < 3; i++) {
      b.frame(Items.generated(traceId, i, t0.plusSeconds(2)));
    }
    s.ingestAll(b);
    JsonNode d =
        s.awaitStable(
            s.apiKey(),
            traceId,
            "FAILED with its MISSING_FRAMES verdict shown",
            x ->
                Details.status(x).equals("FAILED")
                    && Details.reasonCodes(x).contains("MISSING_FRAMES"));
    equal(Details.reported(d), "FAILED", "reported_status");
  }

  static void lateFramesHeal(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, 4);
    b.frame(Items.generated(traceId, 0, t0.plusSeconds(2)));
    b.frame(Items.generated(traceId, 1, t0.plusSeconds(2)));
    s.ingestAll(b);
    awaitPartial(s, traceId, "MISSING_FRAMES");
    s.ingestAll(
        Batch.of()
            .frame(Items.generated(traceId, 2, t0.plusSeconds(2)))
            .frame(Items.generated(traceId, 3, t0.plusSeconds(2))));
    JsonNode d = awaitCleanCompleted(s, traceId);
    equal(Details.reported(d), "COMPLETED", "reported_status");
    that(
        Details.completeness(d).path("missing_frames").isEmpty(),
        "missing_frames must be empty: %s",
        Details.completeness(d));
  }

  static void reportedByClient(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "PARTIAL", t0)));
    JsonNode d = awaitPartial(s, traceId, "REPORTED_BY_CLIENT");
    equal(Details.reported(d), "PARTIAL", "reported_status");
  }

  static void statusFilter(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = completedTrace(s, traceId, t0, 3);
    ObjectNode trace = (ObjectNode) b.json().path("items").get(0).path("data");
    String mark = Session.random(10);
    ((ObjectNode) trace.path("tags")).put("compliance.case", mark);
    b.frame(Items.generated(traceId, 0, t0.plusSeconds(2)));
    s.ingestAll(b);
    awaitPartial(s, traceId, "MISSING_FRAMES");
    String tag = "&tag=compliance.case:" + mark;
    equal(listIds(s, "/v1/traces?status=PARTIAL" + tag), List.of(traceId), "status=PARTIAL");
    equal(listIds(s, "/v1/traces?status=COMPLETED" + tag), List.of(), "status=COMPLETED");
    equal(
        listIds(s, "/v1/traces?status=COMPLETED,PARTIAL" + tag),
        List.of(traceId),
        "status=COMPLETED,PARTIAL");
    equal(
        listIds(s, "/v1/traces?status=FAILED&status=PARTIAL" + tag),
        List.of(traceId),
        "status repeated");
  }

  static List<String> listIds(Session s, String path) {
    Reply r = Expect.status(s.http().get(path, s.apiKey()), 200);
    return Details.ids(r.json().path("data"), "trace_id");
  }
}
