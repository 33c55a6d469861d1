package io.ovpo.compliance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Valid v0.08 entities (spec 01) for checks to send, as JSON objects they may still change. Every
 * trace carries the tag {@code compliance.run: <run id>}, so a run's traces can be listed apart
 * from anything else the tenant holds.
 */
public final class Items {
  /** The tag key every trace of a run carries. */
  public static final String RUN_TAG = "compliance.run";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final String runId;

  public Items(String runId) {
    this.runId = Objects.requireNonNull(runId, "runId");
  }

  /** The run id, value of the {@link #RUN_TAG} tag. */
  public String runId() {
    return runId;
  }

  /** A fresh lower-case UUID v4 (spec 00 §2.3 id). */
  public static String id() {
    return UUID.randomUUID().toString();
  }

  /** The spec's timestamp format: UTC, exactly three fractional digits, {@code Z}. */
  public static String ts(Instant instant) {
    return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * A moment in the recent past, whole milliseconds: traces start there so that every frame event
   * observed after it is still before the server's receive time (spec 04 §6 rule 5).
   */
  public static Instant past() {
    return Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A trace in {@code status}, created at {@code createdAt}: started a second later unless PENDING,
   * ended a minute later when terminal, a FAILED one with a failure; one A100, 24 fps, 8 frames,
   * tagged with the run id.
   */
  public ObjectNode trace(String traceId, String status, Instant createdAt) {
    ObjectNode t = JSON.objectNode();
    t.put("trace_id", traceId);
    t.put("status", status);
    t.put("created_at", ts(createdAt));
    if (!status.equals("PENDING")) {
      t.put("started_at", ts(createdAt.plusSeconds(1)));
    }
    if (terminal(status)) {
      t.put("ended_at", ts(createdAt.plusSeconds(60)));
    }
    ObjectNode config = t.putObject("pipeline_config");
    config.put("model_name", "compliance-model");
    config.put("width", 64);
    config.put("height", 64);
    config.put("fps", 24);
    config.put("num_frames", 8);
    ObjectNode hardware = config.putObject("hardware");
    hardware.put("gpu_type", "A100");
    hardware.put("gpu_count", 1);
    t.putObject("tags").put(RUN_TAG, runId);
    if (status.equals("FAILED")) {
      ObjectNode failure = t.putObject("failure");
      failure.put("code", "OOM");
      failure.put("message", "out of memory in the compliance kit's synthetic job");
      failure.put("retryable", false);
    }
    return t;
  }

  /** A span of {@code kind} from {@code start} to {@code end} (null: still open). */
  public static ObjectNode span(String traceId, String kind, Instant start, Instant end) {
    ObjectNode s = JSON.objectNode();
    s.put("span_id", id());
    s.put("trace_id", traceId);
    s.put("span_kind", kind);
    s.put("name", kind.toLowerCase(Locale.ROOT));
    s.put("start_time", ts(start));
    if (end != null) {
      s.put("end_time", ts(end));
      s.put("status", "OK");
    }
    return s;
  }

  /**
   * An open CUSTOM span named {@code compliance.sentinel}: sent after the items a check wants
   * processed, in the same batch, it becomes visible only once they were applied (one trace's items
   * share an envelope and are applied in payload order, spec 04 §1). Being open, it adds nothing to
   * durations or compute units.
   */
  public static ObjectNode sentinel(String traceId, Instant start) {
    ObjectNode s = span(traceId, "CUSTOM", start, null);
    s.put("name", "compliance.sentinel");
    return s;
  }

  /** A frame event of {@code type} for frame {@code index}. */
  public static ObjectNode frame(
      String traceId, String type, int index, long mediaTimeMs, Instant observedAt) {
    ObjectNode e = JSON.objectNode();
    e.put("event_id", id());
    e.put("trace_id", traceId);
    e.put("event_type", type);
    e.put("frame_index", index);
    e.put("media_time_ms", mediaTimeMs);
    e.put("observed_at", ts(observedAt));
    return e;
  }

  /** A FRAME_GENERATED event at 24 fps, observed 40 ms after the previous frame. */
  public static ObjectNode generated(String traceId, int index, Instant firstObservedAt) {
    return frame(
        traceId,
        "FRAME_GENERATED",
        index,
        index * 1000L / 24,
        firstObservedAt.plusMillis(40L * index));
  }

  /** An artifact ref of {@code kind} at {@code uri}. */
  public static ObjectNode artifact(String kind, String uri) {
    ObjectNode a = JSON.objectNode();
    a.put("artifact_id", id());
    a.put("kind", kind);
    a.put("uri", uri);
    a.put("content_type", kind.equals("VIDEO") ? "video/mp4" : "image/jpeg");
    a.put("size_bytes", 1024);
    return a;
  }

  /** A manifest of the given artifacts. */
  public static ObjectNode manifest(String traceId, ObjectNode... artifacts) {
    ObjectNode m = JSON.objectNode();
    m.put("manifest_id", id());
    m.put("trace_id", traceId);
    for (ObjectNode a : artifacts) {
      m.withArray("artifacts").add(a);
    }
    return m;
  }

  /** True for the terminal statuses of spec 01 §3. */
  public static boolean terminal(String status) {
    return switch (status) {
      case "COMPLETED", "FAILED", "PARTIAL", "CANCELLED" -> true;
      default -> false;
    };
  }
}
