package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;

import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.ReferencePipeline;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.invariants.Invariant;
import io.ovpo.compliance.invariants.InvariantChecker;
import io.ovpo.compliance.invariants.ServerTraces;
import io.ovpo.compliance.invariants.Tolerances;
import io.ovpo.compliance.invariants.TraceCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a server stores keeps the pipeline invariants of what was sent. */
public final class PipelineChecks {
  private PipelineChecks() {}

  public static List<Check> all() {
    return List.of(
        new Check(
            "pipeline.reference-round-trip",
            "pipeline",
            "04 §6-7, 05 §4",
            "The reference pipeline's trace reads back complete (COMPLETED, every span, event"
                + " and artifact) and keeps every pipeline invariant",
            PipelineChecks::roundTrip));
  }

  static void roundTrip(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    List<Batch> batches = ReferencePipeline.batches(s.items(), traceId, t0);
    int spans = 0;
    int events = 0;
    for (Batch b : batches) {
      s.ingestAll(b);
      for (var item : b.json().path("items")) {
        spans += item.path("item_type").asText().equals("span") ? 1 : 0;
        events += item.path("item_type").asText().equals("frame_event") ? 1 : 0;
      }
    }
    int expectedSpans = spans;
    int expectedEvents = events;
    s.awaitStable(
        s.apiKey(),
        traceId,
        "the reference trace COMPLETED with everything",
        d ->
            Details.reconciled(d)
                && Details.status(d).equals("COMPLETED")
                && d.path("spans").size() == expectedSpans
                && Details.eventCount(d) == expectedEvents
                && d.path("artifacts").size() == 1);
    TraceCapture stored = ServerTraces.read(s.http(), s.apiKey(), traceId);
    equal(stored.events().size(), expectedEvents, "frame events read back over every page");
    Map<Invariant, List<String>> findings = new InvariantChecker(Tolerances.DEFAULT).check(stored);
    List<String> broken = new ArrayList<>();
    findings.forEach((inv, list) -> list.forEach(f -> broken.add(inv.id() + ": " + f)));
    if (!broken.isEmpty()) {
      throw new CheckFailure("the stored trace breaks invariants its input kept: " + broken);
    }
  }
}
