package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Expect;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import java.time.Instant;
import java.util.List;

/** Item dedupe and merge rules (spec 04 §3, §4.2): duplicates change nothing. */
public final class DedupeChecks {
  private DedupeChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "dedupe.redelivered-batch-changes-nothing",
            "04 §3 rules 3-4, DESIGN §5",
            "The same batch sent three times never double-counts frames, spans or compute units",
            DedupeChecks::redelivered),
        check(
            "dedupe.frame-event-first-write-wins",
            "04 §3 rule 3, 01 §5",
            "A frame event re-sent under its event_id with other content changes nothing",
            DedupeChecks::frameFirstWriteWins),
        check(
            "dedupe.manifest-first-write-wins",
            "04 §3 rule 3, 01 §6",
            "A manifest re-sent under its manifest_id with other artifacts changes nothing",
            DedupeChecks::manifestFirstWriteWins),
        check(
            "dedupe.duplicates-within-one-batch",
            "02 §3 rule 4, 04 §3",
            "Two copies of an item in one batch are both accepted and stored once",
            DedupeChecks::withinOneBatch),
        check(
            "dedupe.span-fill-in-and-conflict",
            "04 §4.2",
            "A span re-send fills fields it lacked and never changes one already set",
            DedupeChecks::spanFillIn));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "dedupe", spec, title, body);
  }

  static void redelivered(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    trace.put("expected_frames", 4);
    Batch batch =
        Batch.of()
            .trace(trace)
            .span(Items.span(traceId, "SAMPLING", t0.plusSeconds(1), t0.plusSeconds(11)))
            .span(Items.span(traceId, "DECODE", t0.plusSeconds(11), t0.plusSeconds(13)));
    for (int i = 0; i < 4; i++) {
      batch.frame(Items.generated(traceId, i, t0.plusSeconds(12)));
    }
    batch.manifest(Items.manifest(traceId, Items.artifact("VIDEO", "s3://compliance/out.mp4")));
    s.ingestAll(batch);
    s.ingestAll(batch);
    // 10 s SAMPLING + 2 s DECODE on one A100 (factor 0.6) under any profile with weight 1.0
    JsonNode first =
        s.awaitTrace(
            traceId,
            "4 frames, 2 spans and compute units",
            d ->
                Details.frameCount(d) == 4 && Details.reconciled(d) && d.path("spans").size() == 2);
    double units = first.path("summary").path("compute_units").asDouble();
    ObjectNode sentinel = Items.sentinel(traceId, t0.plusSeconds(14));
    s.ingestAll(batch.copy().span(sentinel));
    s.awaitSpan(s.apiKey(), traceId, sentinel.path("span_id").asText());
    JsonNode after =
        s.awaitStable(
            s.apiKey(),
            traceId,
            "counts unchanged after redelivery",
            d ->
                Details.frameCount(d) == 4
                    && Details.eventCount(d) == 4
                    && d.path("frame_events").size() == 4
                    && d.path("artifacts").size() == 1
                    && d.path("spans").size() == 3);
    equal(
        after.path("summary").path("compute_units").asDouble(),
        units,
        "compute_units after redelivery");
    equal(Details.status(after), "COMPLETED", "status");
  }

  static void frameFirstWriteWins(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode frame = Items.generated(traceId, 0, t0.plusSeconds(2));
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "RUNNING", t0)).frame(frame));
    s.awaitTrace(traceId, "the first frame event", d -> Details.eventCount(d) == 1);
    ObjectNode changed = frame.deepCopy();
    changed.put("media_time_ms", 999_000);
    changed.put("frame_index", 7);
    changed.putObject("quality_metrics").put("aesthetic_score", 1.5);
    // a processor may store an envelope's frame events after its spans, in one go: the sentinel
    // here is another event of the same envelope, visible once the re-send was applied
    ObjectNode sentinel = Items.frame(traceId, "GPU_SAMPLE", 0, 0, t0.plusSeconds(3));
    s.ingestAll(Batch.of().frame(changed).frame(sentinel));
    s.awaitTrace(traceId, "the sentinel event", x -> Details.eventCount(x) == 2);
    JsonNode d = Expect.status(s.detail(s.apiKey(), traceId), 200).json();
    List<JsonNode> events = new java.util.ArrayList<>(Details.events(d));
    events.removeIf(e -> e.path("event_id").asText().equals(sentinel.path("event_id").asText()));
    equal(events.size(), 1, "frame events under one event_id");
    equal(events.get(0).path("media_time_ms").asLong(), 0L, "media_time_ms (first write wins)");
    equal(events.get(0).path("frame_index").asInt(), 0, "frame_index (first write wins)");
    that(
        !events.get(0).has("quality_metrics"),
        "the re-sent quality_metrics must be ignored: %s",
        events.get(0));
  }

  static void manifestFirstWriteWins(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode first = Items.artifact("VIDEO", "s3://compliance/first.mp4");
    ObjectNode manifest = Items.manifest(traceId, first);
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "RUNNING", t0)).manifest(manifest));
    s.awaitTrace(traceId, "the manifest's artifact", d -> d.path("artifacts").size() == 1);
    ObjectNode other = Items.manifest(traceId, Items.artifact("LOG", "s3://compliance/other.log"));
    other.put("manifest_id", manifest.path("manifest_id").asText());
    ObjectNode sentinel = Items.sentinel(traceId, t0.plusSeconds(3));
    s.ingestAll(Batch.of().manifest(other).span(sentinel));
    JsonNode d = s.awaitSpan(s.apiKey(), traceId, sentinel.path("span_id").asText());
    equal(
        Details.ids(d.path("artifacts"), "artifact_id"),
        List.of(first.path("artifact_id").asText()),
        "artifacts after a conflicting manifest");
  }

  static void withinOneBatch(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode frame = Items.generated(traceId, 0, t0.plusSeconds(2));
    ObjectNode span = Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(2));
    JsonNode receipt =
        s.ingestAll(
            Batch.of()
                .trace(s.items().trace(traceId, "RUNNING", t0))
                .frame(frame)
                .frame(frame.deepCopy())
                .span(span)
                .span(span.deepCopy()));
    equal(receipt.path("processed_items").asInt(), 5, "processed_items");
    s.awaitStable(
        s.apiKey(),
        traceId,
        "one event and one span",
        d ->
            Details.eventCount(d) == 1
                && d.path("spans").size() == 1
                && d.path("frame_events").size() == 1);
  }

  static void spanFillIn(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode open = Items.span(traceId, "SAMPLING", t0.plusSeconds(1), null);
    String spanId = open.path("span_id").asText();
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "RUNNING", t0)).span(open));
    s.awaitSpan(s.apiKey(), traceId, spanId);

    ObjectNode filled = open.deepCopy();
    filled.put("end_time", Items.ts(t0.plusSeconds(9)));
    filled.put("status", "OK");
    filled.putObject("attributes").put("custom.steps", 30);
    ObjectNode sentinel1 = Items.sentinel(traceId, t0.plusSeconds(2));
    s.ingestAll(Batch.of().span(filled).span(sentinel1));
    JsonNode d = s.awaitSpan(s.apiKey(), traceId, sentinel1.path("span_id").asText());
    JsonNode merged = Details.span(d, spanId).orElseThrow();
    equal(merged.path("end_time").asText(), Items.ts(t0.plusSeconds(9)), "filled end_time");
    equal(merged.path("status").asText(), "OK", "filled status");
    equal(merged.path("duration_ms").asLong(-1), 8000L, "duration_ms");
    equal(merged.path("attributes").path("custom.steps").asInt(), 30, "added attribute");

    ObjectNode conflicting = filled.deepCopy();
    conflicting.put("end_time", Items.ts(t0.plusSeconds(20)));
    conflicting.put("status", "ERROR");
    ObjectNode sentinel2 = Items.sentinel(traceId, t0.plusSeconds(3));
    s.ingestAll(Batch.of().span(conflicting).span(sentinel2));
    JsonNode after = s.awaitSpan(s.apiKey(), traceId, sentinel2.path("span_id").asText());
    JsonNode kept = Details.span(after, spanId).orElseThrow();
    equal(
        kept.path("end_time").asText(),
        Items.ts(t0.plusSeconds(9)),
        "end_time after a conflicting re-send");
    equal(kept.path("status").asText(), "OK", "status after a conflicting re-send");
  }
}
