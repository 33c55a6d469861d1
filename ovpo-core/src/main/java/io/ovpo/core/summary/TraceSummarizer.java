package io.ovpo.core.summary;

import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameEventStats.MediaTimeRange;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Builds the computed summary of the trace detail endpoint (DESIGN.md section 6). */
public final class TraceSummarizer {
  private TraceSummarizer() {}

  /**
   * Fills every {@link TraceSummary} field from the record, its spans and the store's frame-event
   * aggregates. Spans without end_time do not count in the breakdown. {@code observedFps} is the
   * frame rate in media time (spec 05 §4.2): (frame_count − 1) × 1000 over the span of
   * media_time_ms of the counted events, when there are at least two frames and that span is
   * positive; unknown (empty) when the store kept no media-time range.
   */
  public static TraceSummary summarize(
      TraceRecord record, List<Span> spans, FrameEventStats stats) {
    long frameCount = frameCount(stats);
    return new TraceSummary(
        totalDurationMs(record.trace()),
        breakdown(record, spans),
        stats.peakVramMb(),
        stats.avgGpuUtilizationPct(),
        frameCount,
        stats.eventCount(),
        observedFps(frameCount, stats),
        record.cost(),
        record.completeness());
  }

  private static OptionalLong totalDurationMs(Trace trace) {
    if (trace.endedAt().isEmpty()) {
      return OptionalLong.empty();
    }
    Instant start = trace.startedAt().orElse(trace.createdAt());
    return OptionalLong.of(Duration.between(start, trace.endedAt().get()).toMillis());
  }

  private static Map<SpanKind, Double> breakdown(TraceRecord record, List<Span> spans) {
    EnumMap<SpanKind, Long> millis = new EnumMap<>(SpanKind.class);
    long total = 0;
    for (Span s : spans) {
      if (!s.traceId().equals(record.traceId()) || s.duration().isEmpty()) {
        continue;
      }
      long ms = s.duration().get().toMillis();
      millis.merge(s.spanKind(), ms, Long::sum);
      total += ms;
    }
    EnumMap<SpanKind, Double> pct = new EnumMap<>(SpanKind.class);
    if (total > 0) {
      for (var e : millis.entrySet()) {
        // rounded to 2 decimal places (spec 05 §4.2), so 1 s of 3 is 33.33, not 33.333...
        pct.put(e.getKey(), Math.round(10_000.0 * e.getValue() / total) / 100.0);
      }
    }
    return pct;
  }

  /** FRAME_GENERATED events count; FRAME_DECODED ones only when there is no generated frame. */
  private static EventType countedType(FrameEventStats stats) {
    return stats.distinctFramesByType().getOrDefault(EventType.FRAME_GENERATED, 0L) > 0
        ? EventType.FRAME_GENERATED
        : EventType.FRAME_DECODED;
  }

  private static long frameCount(FrameEventStats stats) {
    return stats.distinctFramesByType().getOrDefault(countedType(stats), 0L);
  }

  private static OptionalDouble observedFps(long frameCount, FrameEventStats stats) {
    MediaTimeRange range = stats.mediaTimeByType().get(countedType(stats));
    if (frameCount < 2 || range == null) {
      return OptionalDouble.empty();
    }
    long ms = range.maxMs() - range.minMs();
    return ms <= 0 ? OptionalDouble.empty() : OptionalDouble.of((frameCount - 1) * 1000.0 / ms);
  }
}
