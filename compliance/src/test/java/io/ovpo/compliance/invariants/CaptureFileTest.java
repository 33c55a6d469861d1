package io.ovpo.compliance.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.ReferencePipeline;
import io.ovpo.schemas.SchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileTest {
  private static final SchemaValidator SCHEMAS = SchemaValidator.fromClasspath();

  @TempDir Path dir;

  @Test
  void referencePipeline_isSchemaValid_andKeepsEveryInvariant() throws Exception {
    String traceId = Items.id();
    List<Batch> batches =
        ReferencePipeline.batches(new Items("test"), traceId, Instant.now().minusSeconds(600));
    StringBuilder lines = new StringBuilder();
    for (Batch b : batches) {
      lines.append(b.json().toString()).append('\n');
    }
    Path file = dir.resolve("reference.jsonl");
    Files.writeString(file, lines);
    CaptureFile capture = CaptureFile.read(file, SCHEMAS);
    assertThat(capture.schemaProblems()).isEmpty();
    assertThat(capture.traces())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.traceId()).isEqualTo(traceId);
              assertThat(t.trace().orElseThrow().path("status").asText()).isEqualTo("COMPLETED");
              assertThat(t.spans()).hasSize(6);
              assertThat(t.events()).hasSize(10 + 2 * ReferencePipeline.FRAMES);
            });
    Map<Invariant, List<String>> found =
        new InvariantChecker(Tolerances.DEFAULT).check(capture.traces().get(0));
    assertThat(found.values()).allSatisfy(l -> assertThat(l).isEmpty());
  }

  @Test
  void readsSdkFileTransportLines_capturedRequests_arrays_andBareItems() throws Exception {
    String traceId = Items.id();
    Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
    String trace =
        Batch.of()
            .trace(new Items("t").trace(traceId, "COMPLETED", t0))
            .json()
            .path("items")
            .get(0)
            .toString();
    String frame =
        Batch.of()
            .frame(Items.frame(traceId, "FRAME_GENERATED", 0, 0, t0.plusSeconds(30)))
            .json()
            .path("items")
            .get(0)
            .toString();
    Path file = dir.resolve("mixed.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"idempotency_key\":\"k1\",\"items\":[" + trace + "]}",
            "{\"received_at\":\"2026-03-01T12:00:10.000Z\",\"items\":[" + frame + "]}",
            "[" + trace + "]",
            "{\"item_type\":\"span\",\"data\":{\"span_id\":\"nope\"}}"));
    CaptureFile capture = CaptureFile.read(file, SCHEMAS);
    assertThat(capture.itemCount()).isEqualTo(4);
    assertThat(capture.schemaProblems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).startsWith("item 3: "));
    TraceCapture t = capture.traces().get(0);
    assertThat(t.events())
        .singleElement()
        .satisfies(
            o -> assertThat(o.receivedAt()).contains(Instant.parse("2026-03-01T12:00:10.000Z")));
    // observed 20 s after it was received: the skew invariant sees the capture's receive time
    assertThat(new InvariantChecker(Tolerances.DEFAULT).check(t).get(Invariant.OBSERVED_AT_SKEW))
        .singleElement()
        .asString()
        .contains("after it was received");
  }

  @Test
  void laterStatesMergeLikeTheProcessor_firstTerminalWins_spansFilledIn() throws Exception {
    String traceId = Items.id();
    Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
    Items items = new Items("t");
    var open = Items.span(traceId, "SAMPLING", t0.plusSeconds(1), null);
    var closed = open.deepCopy().put("end_time", Items.ts(t0.plusSeconds(2))).put("status", "OK");
    Batch b =
        Batch.of()
            .trace(items.trace(traceId, "RUNNING", t0))
            .span(open)
            .trace(items.trace(traceId, "COMPLETED", t0))
            .trace(items.trace(traceId, "RUNNING", t0))
            .trace(items.trace(traceId, "CANCELLED", t0))
            .span(closed);
    Path file = dir.resolve("merge.json");
    Files.writeString(file, b.json().toString());
    TraceCapture t = CaptureFile.read(file, SCHEMAS).traces().get(0);
    assertThat(t.trace().orElseThrow().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(t.spans())
        .singleElement()
        .satisfies(s -> assertThat(s.path("end_time").asText()).isNotEmpty());
  }
}
