package io.ovpo.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic "text-to-video" job that reports itself to OVPO the way an instrumented pipeline
 * would: the trace as it moves PENDING → RUNNING → terminal, one span per stage (LOAD, TEXT_ENCODE,
 * SAMPLING with per-step timings, DECODE, OUTPUT_ENCODE), a FRAME_GENERATED event per frame with
 * quality scores and a GPU sample, thumbnails every 8th frame and an output manifest. No GPU, no
 * model: the numbers are drawn from a seeded random source so runs are reproducible.
 */
public final class FakeVideoPipeline {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TS = DateTimeFormatter.ISO_INSTANT;

  private final DemoJob job;
  private final Random random;
  private final Instant start;

  /** The job's timeline starts at {@code start} (use a time a few minutes in the past). */
  public FakeVideoPipeline(DemoJob job, Instant start) {
    this.job = job;
    this.random = new Random(job.seed());
    this.start = start.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The trace id this job reports under. */
  public String traceId() {
    return uuid(new Random(job.seed() ^ 0x5DEECE66DL));
  }

  /** The ingest batches, in the order the pipeline would send them. */
  public List<ObjectNode> batches() {
    String traceId = traceId();
    List<ObjectNode> out = new ArrayList<>();
    Instant t = start;
    ObjectNode pending = trace(traceId, "PENDING", t, null, null);
    out.add(batch(item("trace", pending)));

    Instant running = t.plusMillis(250);
    List<ObjectNode> stage = new ArrayList<>();
    stage.add(item("trace", trace(traceId, "RUNNING", t, running, null)));
    Instant loadEnd = running.plusMillis(1800 + random.nextInt(600));
    stage.add(item("span", span(traceId, "LOAD", "load weights", running, loadEnd, "OK")));
    Instant encEnd = loadEnd.plusMillis(120 + random.nextInt(80));
    stage.add(item("span", span(traceId, "TEXT_ENCODE", "encode prompt", loadEnd, encEnd, "OK")));
    out.add(batch(stage));

    // SAMPLING: per-step timings as attributes; the OOM scenario dies half-way.
    int steps = job.scenario() == Scenario.OOM ? job.steps() / 2 : job.steps();
    ArrayNode stepMs = JSON.createArrayNode();
    Instant samplingEnd = encEnd;
    for (int s = 0; s < steps; s++) {
      int ms = 380 + random.nextInt(90);
      stepMs.add(ms);
      samplingEnd = samplingEnd.plusMillis(ms);
    }
    String samplingId = uuid(random);
    ObjectNode sampling =
        span(
            traceId,
            "SAMPLING",
            "denoise",
            encEnd,
            samplingEnd,
            job.scenario() == Scenario.OOM ? "ERROR" : "OK",
            samplingId);
    ObjectNode samplingAttrs = JSON.createObjectNode();
    samplingAttrs.put("ovpo.sampling.steps", steps);
    samplingAttrs.set("ovpo.sampling.step_ms", stepMs);
    samplingAttrs.put("custom.scheduler", "euler_a");
    sampling.set("attributes", samplingAttrs);
    if (job.scenario() == Scenario.OOM) {
      Instant failedAt = samplingEnd.plusMillis(5);
      out.add(
          batch(
              List.of(
                  item("span", sampling),
                  item(
                      "trace",
                      failed(
                          trace(traceId, "FAILED", t, running, failedAt),
                          "OOM",
                          "CUDA out of memory: tried to allocate 2.50 GiB (step "
                              + steps
                              + " of "
                              + job.steps()
                              + ")",
                          samplingId,
                          true)))));
      return out;
    }
    out.add(batch(item("span", sampling)));

    // DECODE: one FRAME_GENERATED event per frame (minus dropped ones), GPU samples along the way.
    String decodeId = uuid(random);
    Instant decodeEnd = samplingEnd.plusMillis(40L * job.frames());
    List<ObjectNode> frames = new ArrayList<>();
    int missingFrom = job.frames() - Math.max(3, job.frames() / 6);
    for (int f = 0; f < job.frames(); f++) {
      if (job.scenario() == Scenario.MISSING_FRAMES && f >= missingFrom && f < missingFrom + 3) {
        continue; // dropped by the "pipeline"
      }
      frames.add(
          item("frame_event", frame(traceId, decodeId, f, samplingEnd.plusMillis(40L * f + 20))));
      if (f % 12 == 0) {
        frames.add(
            item(
                "frame_event",
                gpuSample(traceId, decodeId, f, samplingEnd.plusMillis(40L * f + 25))));
      }
    }
    if (job.scenario() == Scenario.TIMEOUT) {
      List<ObjectNode> items = new ArrayList<>(frames.subList(0, Math.min(frames.size(), 8)));
      Instant deadline = samplingEnd.plusMillis(60_000);
      items.add(
          item(
              "span",
              span(traceId, "DECODE", "vae decode", samplingEnd, deadline, "ERROR", decodeId)));
      items.add(
          item(
              "trace",
              failed(
                  trace(traceId, "FAILED", t, running, deadline),
                  "TIMEOUT",
                  "VAE decode exceeded its 60 s deadline",
                  decodeId,
                  true)));
      out.add(batch(items));
      return out;
    }
    frames.add(
        item(
            "span", span(traceId, "DECODE", "vae decode", samplingEnd, decodeEnd, "OK", decodeId)));
    out.add(batch(frames));

    Instant encodeEnd = decodeEnd.plusMillis(600 + random.nextInt(300));
    List<ObjectNode> last = new ArrayList<>();
    last.add(item("span", span(traceId, "OUTPUT_ENCODE", "mux mp4", decodeEnd, encodeEnd, "OK")));
    last.add(item("artifact_manifest", manifest(traceId)));
    last.add(item("trace", trace(traceId, "COMPLETED", t, running, encodeEnd)));
    out.add(batch(last));
    return out;
  }

  private ObjectNode trace(
      String id, String status, Instant created, Instant started, Instant ended) {
    ObjectNode n = JSON.createObjectNode();
    n.put("trace_id", id);
    n.put("status", status);
    n.put("created_at", ts(created));
    if (started != null) {
      n.put("started_at", ts(started));
    }
    if (ended != null) {
      n.put("ended_at", ts(ended));
    }
    ObjectNode cfg = n.putObject("pipeline_config");
    cfg.put("model_name", job.model());
    cfg.put("model_version", "1.2");
    cfg.put("width", 848);
    cfg.put("height", 480);
    cfg.put("fps", 24);
    cfg.put("num_frames", job.frames());
    cfg.put("steps", job.steps());
    cfg.put("guidance_scale", 7.0);
    cfg.put("seed", job.seed());
    cfg.put("scheduler", "euler_a");
    ObjectNode hw = cfg.putObject("hardware");
    hw.put("gpu_type", "RTX 4090");
    hw.put("gpu_count", 1);
    n.put("prompt_hash", hex64(new Random(job.seed() * 31 + 7)));
    n.put("user_id_hash", hex64(new Random(job.seed() % 3)));
    ObjectNode tags = n.putObject("tags");
    tags.put("project", job.project());
    tags.put("env", "demo");
    n.put("expected_frames", job.frames());
    return n;
  }

  private static ObjectNode failed(
      ObjectNode trace, String code, String message, String spanId, boolean retryable) {
    ObjectNode f = trace.putObject("failure");
    f.put("code", code);
    f.put("message", message);
    f.put("span_id", spanId);
    f.put("retryable", retryable);
    return trace;
  }

  private ObjectNode span(
      String traceId, String kind, String name, Instant s, Instant e, String status) {
    return span(traceId, kind, name, s, e, status, uuid(random));
  }

  private ObjectNode span(
      String traceId, String kind, String name, Instant s, Instant e, String status, String id) {
    ObjectNode n = JSON.createObjectNode();
    n.put("span_id", id);
    n.put("trace_id", traceId);
    n.put("span_kind", kind);
    n.put("name", name);
    n.put("start_time", ts(s));
    n.put("end_time", ts(e));
    n.put("status", status);
    return n;
  }

  private ObjectNode frame(String traceId, String spanId, int index, Instant observed) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event_id", uuid(random));
    n.put("trace_id", traceId);
    n.put("span_id", spanId);
    n.put("event_type", "FRAME_GENERATED");
    n.put("frame_index", index);
    n.put("media_time_ms", Math.round(index * 1000.0 / 24));
    n.put("observed_at", ts(observed));
    ObjectNode q = n.putObject("quality_metrics");
    q.put(
        "clip_similarity",
        round(0.27 + 0.05 * Math.sin(index / 7.0) + random.nextGaussian() * 0.01));
    q.put(
        "aesthetic_score", round(5.6 + 0.4 * Math.cos(index / 11.0) + random.nextGaussian() * 0.1));
    q.put("temporal_consistency", round(Math.min(1, 0.93 + random.nextGaussian() * 0.02)));
    n.set("gpu", gpu(index));
    if (index % 8 == 0) {
      ObjectNode th = n.putObject("thumbnail");
      th.put("artifact_id", uuid(random));
      th.put("kind", "THUMBNAIL");
      th.put("uri", "ovpo://demo/" + traceId + "/thumbs/" + index + ".jpg");
      th.put("content_type", "image/jpeg");
      th.put("size_bytes", 18_000 + random.nextInt(4000));
    }
    return n;
  }

  private ObjectNode gpuSample(String traceId, String spanId, int index, Instant observed) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event_id", uuid(random));
    n.put("trace_id", traceId);
    n.put("span_id", spanId);
    n.put("event_type", "GPU_SAMPLE");
    n.put("frame_index", index);
    n.put("media_time_ms", Math.round(index * 1000.0 / 24));
    n.put("observed_at", ts(observed));
    n.set("gpu", gpu(index));
    return n;
  }

  private JsonNode gpu(int index) {
    ObjectNode g = JSON.createObjectNode();
    g.put("vram_used_mb", round(17_800 + 900 * Math.sin(index / 9.0) + random.nextInt(200)));
    g.put("gpu_utilization_pct", round(Math.min(100, 88 + random.nextGaussian() * 4)));
    g.put("temperature_c", round(71 + random.nextGaussian()));
    return g;
  }

  private ObjectNode manifest(String traceId) {
    ObjectNode m = JSON.createObjectNode();
    m.put("manifest_id", uuid(random));
    m.put("trace_id", traceId);
    ArrayNode a = m.putArray("artifacts");
    ObjectNode video = a.addObject();
    video.put("artifact_id", uuid(random));
    video.put("kind", "VIDEO");
    video.put("uri", "ovpo://demo/" + traceId + "/output.mp4");
    video.put("content_type", "video/mp4");
    video.put("size_bytes", 2_400_000 + random.nextInt(200_000));
    video.put("sha256", hex64(random));
    video.put("ttl_hours", 720);
    return m;
  }

  private static ObjectNode item(String type, ObjectNode data) {
    ObjectNode n = JSON.createObjectNode();
    n.put("item_type", type);
    n.set("data", data);
    return n;
  }

  private static ObjectNode batch(ObjectNode item) {
    return batch(List.of(item));
  }

  private static ObjectNode batch(List<ObjectNode> items) {
    ObjectNode b = JSON.createObjectNode();
    b.putArray("items").addAll(items);
    return b;
  }

  private static String ts(Instant i) {
    return TS.format(i.truncatedTo(ChronoUnit.MILLIS))
        .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String uuid(Random r) {
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static String hex64(Random r) {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      sb.append(String.format("%016x", r.nextLong()));
    }
    return sb.toString();
  }
}
