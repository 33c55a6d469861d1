package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One per-frame observation. Immutable by {@code eventId}: the first write wins and a re-delivery
 * never counts twice.
 *
 * @param frameIndex 0-based index of the frame in the output, 0 to 10,000,000
 * @param mediaTimeMs presentation time of the frame in the output video, at least 0
 * @param observedAt when the pipeline observed it (client clock)
 */
public record FrameEvent(
    EventId eventId,
    TraceId traceId,
    Optional<SpanId> spanId,
    EventType eventType,
    long frameIndex,
    long mediaTimeMs,
    Instant observedAt,
    QualityMetrics qualityMetrics,
    Optional<GpuSample> gpu,
    Optional<ArtifactRef> thumbnail,
    Attributes attributes) {
  public FrameEvent {
    Checks.notNull("event_id", eventId);
    Checks.notNull("trace_id", traceId);
    Checks.notNull("span_id", spanId);
    Checks.notNull("event_type", eventType);
    Checks.range("frame_index", frameIndex, 0, 10_000_000);
    Checks.range("media_time_ms", mediaTimeMs, 0, 9_007_199_254_740_992L);
    Checks.millis("observed_at", observedAt);
    Checks.notNull("quality_metrics", qualityMetrics);
    Checks.notNull("gpu", gpu);
    Checks.notNull("thumbnail", thumbnail);
    Checks.notNull("attributes", attributes);
  }
}
