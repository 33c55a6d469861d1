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
import java.io.UncheckedIOException;
import java.time.Instant;
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

  private EventRows() {}

  /** The row of {@code stored}, with {@code version} (see V1__frame_events.sql), newline-ended. */
  static byte[] write(TenantId tenant, StoredFrameEvent stored, long version) {
    FrameEvent e = stored.event();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Row.JSON.createGenerator(out)) {
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
      number(
          g, "temporal_consistency", e.qualityMetrics().get(QualityMetrics.TEMPORAL_CONSISTENCY));
      if (e.gpu().isPresent()) {
        GpuSample s = e.gpu().get();
        g.writeNumberField("gpu_vram_used_mb", s.vramUsedMb());
        g.writeNumberField("gpu_utilization_pct", s.gpuUtilizationPct());
        number(g, "gpu_temperature_c", s.temperatureC());
        // +0.0 for -0.0, whose bits would sort above every positive value
        g.writeNumberField("gpu_vram_bits", Double.doubleToLongBits(s.vramUsedMb() + 0.0));
      }
      g.writeStringField("payload", Payload.write(e));
      g.writeNumberField("version", version);
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    out.write('\n');
    return out.toByteArray();
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
