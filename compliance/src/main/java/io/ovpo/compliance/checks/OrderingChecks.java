package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Out-of-order arrival (spec 04 §7.1) and the orders the query API returns (spec 05 §4). */
public final class OrderingChecks {
  private OrderingChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "ordering.orphans-attach-when-the-trace-arrives",
            "04 §7.1",
            "Spans, events and manifests sent before their trace are invisible, then attached"
                + " when it arrives",
            OrderingChecks::orphansAttach),
        check(
            "ordering.detail-sort-order",
            "05 §4",
            "Spans come by start_time then span_id, frame events by frame_index, observed_at,"
                + " event_id, whatever the arrival order",
            OrderingChecks::sortOrder));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "ordering", spec, title, body);
  }

  static void orphansAttach(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch early =
        Batch.of()
            .span(Items.span(traceId, "SAMPLING", t0.plusSeconds(1), t0.plusSeconds(5)))
            .frame(Items.generated(traceId, 0, t0.plusSeconds(5)))
            .frame(Items.generated(traceId, 1, t0.plusSeconds(5)))
            .manifest(Items.manifest(traceId, Items.artifact("VIDEO", "s3://compliance/o.mp4")));
    s.ingestAll(early);
    Session.pause(s.settle());
    status(s.detail(s.apiKey(), traceId), 404);
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    trace.put("expected_frames", 2);
    s.ingestAll(Batch.of().trace(trace));
    JsonNode d =
        s.awaitTrace(
            traceId,
            "the orphans attached to their trace",
            x ->
                x.path("spans").size() == 1
                    && Details.eventCount(x) == 2
                    && x.path("artifacts").size() == 1
                    && Details.reconciled(x));
    s.awaitStable(
        s.apiKey(),
        traceId,
        "COMPLETED with every frame",
        x ->
            Details.status(x).equals("COMPLETED")
                && Details.frameCount(x) == 2
                && Details.reasonCodes(x).isEmpty());
    equal(d.path("trace").path("trace_id").asText(), traceId, "trace_id");
  }

  static void sortOrder(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    List<ObjectNode> spans = new ArrayList<>();
    spans.add(Items.span(traceId, "DECODE", t0.plusSeconds(30), t0.plusSeconds(31)));
    spans.add(Items.span(traceId, "SAMPLING", t0.plusSeconds(2), t0.plusSeconds(30)));
    spans.add(Items.span(traceId, "TEXT_ENCODE", t0.plusSeconds(1), t0.plusSeconds(2)));
    spans.add(Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(2)));
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 5; i >= 0; i--) {
      events.add(Items.generated(traceId, i, t0.plusSeconds(40)));
      events.add(Items.frame(traceId, "FRAME_DECODED", i, i * 1000L / 24, t0.plusSeconds(41)));
    }
    // the same frame and observed_at under two event types: event_id breaks the tie
    events.add(Items.frame(traceId, "GPU_SAMPLE", 3, 125, t0.plusSeconds(40).plusMillis(120)));
    s.ingestAll(Batch.of().frames(events.subList(0, 7)).span(spans.get(0)));
    s.ingestAll(Batch.of().trace(s.items().trace(traceId, "RUNNING", t0)).span(spans.get(1)));
    s.ingestAll(
        Batch.of().frames(events.subList(7, events.size())).span(spans.get(2)).span(spans.get(3)));
    JsonNode d =
        s.awaitTrace(
            traceId,
            "4 spans and 13 events",
            x -> x.path("spans").size() == 4 && x.path("frame_events").size() == events.size());
    List<JsonNode> expectedSpans = new ArrayList<>(spans);
    expectedSpans.sort(
        Comparator.comparing((JsonNode n) -> n.path("start_time").asText())
            .thenComparing(n -> n.path("span_id").asText()));
    equal(
        Details.ids(d.path("spans"), "span_id"),
        expectedSpans.stream().map(n -> n.path("span_id").asText()).toList(),
        "span order");
    List<JsonNode> expectedEvents = new ArrayList<>(events);
    expectedEvents.sort(
        Comparator.comparingInt((JsonNode n) -> n.path("frame_index").asInt())
            .thenComparing(n -> n.path("observed_at").asText())
            .thenComparing(n -> n.path("event_id").asText()));
    equal(
        Details.ids(d.path("frame_events"), "event_id"),
        expectedEvents.stream().map(n -> n.path("event_id").asText()).toList(),
        "frame event order");
  }
}
