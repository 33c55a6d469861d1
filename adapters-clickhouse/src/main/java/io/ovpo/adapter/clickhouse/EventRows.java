package io.ovpo.adapter.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A frame event as one JSONEachRow line of {@code frame_events}, and back. Absent metrics are left
 * out (they read as NULL); the exact values travel in {@code payload} and {@code gpu_vram_bits}.
 */
final class EventRows {
  /** The columns {@link #read} needs, for SELECT lists. */
  static final String COLUMNS =
      "trace_id, event_type, frame_index, event_id, span_id, media_time_ms, observed_at_ms,"
          + " received_at_ms, payload";

  /** Those of {@link #COLUMNS} outside the sorting key. */
  static final List<String> VALUE_COLUMNS =
      List.of("span_id", "media_time_ms", "observed_at_ms", "received_at_ms", "payload");

  private EventRows() {}

  /** The row of {@code stored}, with {@code version} (see V1__frame_events.sql), newline-ended. */
  static byte[] write(TenantId tenant, StoredFrameEvent stored, long version) {
    return writeAll(tenant, List.of(stored), version).bytes();
  }

  /**
   * The rows of {@code events} in one buffer, newline-ended; row {@code i} ends at {@code ends[i]}.
   * One generator and one buffer for a whole append: per-row buffers and generators cost more than
   * the encoding itself at a few hundred thousand rows a second.
   */
  record Encoded(byte[] bytes, int[] ends) {
    int start(int row) {
      return row == 0 ? 0 : ends[row - 1];
    }
  }

  static Encoded writeAll(TenantId tenant, List<StoredFrameEvent> events, long version) {
    Buffer out = new Buffer(events.size() * 480);
    int[] ends = new int[events.size()];
    try (JsonGenerator g = Row.JSON.createGenerator(out)) {
      g.setRootValueSeparator(null); // rows are separated by the newline written below
      StringWriter payload = new StringWriter(128);
      for (int i = 0; i < ends.length; i++) {
        row(g, tenant, events.get(i), version, payload);
        g.flush();
        out.write('\n');
        ends[i] = out.size();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new Encoded(out.array(), ends);
  }

  private static void row(
      JsonGenerator g, TenantId tenant, StoredFrameEvent stored, long version, StringWriter payload)
      throws IOException {
    FrameEvent e = stored.event();
    g.writeStartObject();
    g.writeStringField("tenant_id", tenant.value());
    g.writeStringField("trace_id", e.traceId().value());
    g.writeStringField("event_type", e.eventType().name());
    g.writeNumberField("frame_index", e.frameIndex());
    g.writeStringField("event_id", e.eventId().value());
    g.writeStringField("span_id", e.spanId().map(SpanId::value).orElse(""));
    g.writeNumberField("media_time_ms", e.mediaTimeMs());
    g.writeNumberField("observed_at_ms", e.observedAt().toEpochMilli());
    g.writeNumberField("received_at_ms", stored.receivedAt().toEpochMilli());
    number(g, "clip_similarity", e.qualityMetrics().get(QualityMetrics.CLIP_SIMILARITY));
    number(g, "aesthetic_score", e.qualityMetrics().get(QualityMetrics.AESTHETIC_SCORE));
    number(g, "temporal_consistency", e.qualityMetrics().get(QualityMetrics.TEMPORAL_CONSISTENCY));
    if (e.gpu().isPresent()) {
      GpuSample s = e.gpu().get();
      g.writeNumberField("gpu_vram_used_mb", s.vramUsedMb());
      g.writeNumberField("gpu_utilization_pct", s.gpuUtilizationPct());
      number(g, "gpu_temperature_c", s.temperatureC());
      // +0.0 for -0.0, whose bits would sort above every positive value
      g.writeNumberField("gpu_vram_bits", Double.doubleToLongBits(s.vramUsedMb() + 0.0));
    }
    payload.getBuffer().setLength(0);
    Payload.write(e, payload);
    g.writeFieldName("payload");
    g.writeString(payload.getBuffer().toString());
    g.writeNumberField("version", version);
    g.writeEndObject();
  }

  /** A ByteArrayOutputStream whose array is handed over without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] array() {
      return count == buf.length ? buf : java.util.Arrays.copyOf(buf, count);
    }
  }

  private static void number(JsonGenerator g, String field, OptionalDouble v) throws IOException {
    if (v.isPresent()) {
      g.writeNumberField(field, v.getAsDouble());
    }
  }

  static StoredFrameEvent read(Row r) {
    Payload.Parts parts = Payload.read(r.string("payload"));
    String span = r.string("span_id");
    FrameEvent e =
        new FrameEvent(
            EventId.of(r.string("event_id")),
            TraceId.of(r.string("trace_id")),
            span.isEmpty() ? Optional.empty() : Optional.of(SpanId.of(span)),
            EventType.valueOf(r.string("event_type")),
            r.lng("frame_index"),
            r.lng("media_time_ms"),
            Instant.ofEpochMilli(r.lng("observed_at_ms")),
            parts.quality(),
            parts.gpu(),
            parts.thumbnail(),
            parts.attributes());
    return new StoredFrameEvent(e, Instant.ofEpochMilli(r.lng("received_at_ms")));
  }
}
