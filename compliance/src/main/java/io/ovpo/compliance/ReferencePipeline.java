package io.ovpo.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A well-instrumented text-to-video job as a pipeline would report it, in three batches (start,
 * work, end): a root span with LOAD, TEXT_ENCODE, SAMPLING, DECODE and OUTPUT_ENCODE children, GPU
 * samples during sampling, every frame generated and decoded, and an output manifest. It keeps
 * every pipeline invariant, so it is the fixture the invariant checks are calibrated on.
 */
public final class ReferencePipeline {
  /** Frames of the job. */
  public static final int FRAMES = 8;

  private ReferencePipeline() {}

  /** The batches, in the order a pipeline sends them. */
  public static List<Batch> batches(Items items, String traceId, Instant t0) {
    ObjectNode running = items.trace(traceId, "RUNNING", t0);
    running.put("expected_frames", FRAMES);
    ObjectNode completed = items.trace(traceId, "COMPLETED", t0);
    completed.put("expected_frames", FRAMES);
    completed.put("ended_at", Items.ts(t0.plusSeconds(21)));

    ObjectNode root = Items.span(traceId, "CUSTOM", t0.plusSeconds(1), t0.plusSeconds(21));
    root.put("name", "pipeline");
    String rootId = root.path("span_id").asText();
    ObjectNode load =
        child(Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(3)), rootId);
    ObjectNode encode =
        child(Items.span(traceId, "TEXT_ENCODE", t0.plusSeconds(3), t0.plusSeconds(4)), rootId);
    ObjectNode sampling =
        child(Items.span(traceId, "SAMPLING", t0.plusSeconds(4), t0.plusSeconds(15)), rootId);
    ObjectNode decode =
        child(Items.span(traceId, "DECODE", t0.plusSeconds(15), t0.plusSeconds(18)), rootId);
    ObjectNode output =
        child(Items.span(traceId, "OUTPUT_ENCODE", t0.plusSeconds(18), t0.plusSeconds(20)), rootId);

    Batch work = Batch.of().span(load).span(encode);
    for (int step = 0; step < 10; step++) {
      ObjectNode sample =
          Items.frame(traceId, "GPU_SAMPLE", step, step * 1000L, t0.plusSeconds(4 + step));
      sample.put("span_id", sampling.path("span_id").asText());
      sample.putObject("gpu").put("vram_used_mb", 40_000 + step).put("gpu_utilization_pct", 95.0);
      work.frame(sample);
    }
    work.span(sampling);
    for (int i = 0; i < FRAMES; i++) {
      Instant at = t0.plusSeconds(15).plusMillis(100L * i);
      ObjectNode generated = Items.frame(traceId, "FRAME_GENERATED", i, i * 1000L / 24, at);
      generated.put("span_id", decode.path("span_id").asText());
      generated
          .putObject("quality_metrics")
          .put("aesthetic_score", 6.0)
          .put("clip_similarity", 0.3);
      ObjectNode decoded =
          Items.frame(traceId, "FRAME_DECODED", i, i * 1000L / 24, at.plusMillis(50));
      decoded.put("span_id", decode.path("span_id").asText());
      work.frame(generated).frame(decoded);
    }
    work.span(decode).span(output);
    Batch end =
        Batch.of()
            .span(root)
            .manifest(
                Items.manifest(
                    traceId, Items.artifact("VIDEO", "s3://compliance/" + traceId + ".mp4")))
            .trace(completed);
    return List.of(Batch.of().trace(running), work, end);
  }

  private static ObjectNode child(ObjectNode span, String parentId) {
    span.put("parent_span_id", parentId);
    return span;
  }
}
