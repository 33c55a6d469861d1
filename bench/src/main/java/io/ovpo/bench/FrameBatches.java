package io.ovpo.bench;

import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic ingest bodies of frame events, as an SDK sends them while a video renders: per trace,
 * consecutive frames at 24 fps with quality metrics and a GPU sample, observed a minute ago (so the
 * collector's time checks pass). About 430 bytes per event.
 */
public final class FrameBatches {
  private final Random random;

  public FrameBatches(long seed) {
    this.random = new Random(seed);
  }

  /** {@code {"items": [...]}} with {@code traces} × {@code framesPerTrace} frame events. */
  public byte[] body(int traces, int framesPerTrace) {
    StringBuilder sb = new StringBuilder(traces * framesPerTrace * 440 + 16);
    sb.append("{\"items\":[");
    Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    boolean first = true;
    for (int t = 0; t < traces; t++) {
      String traceId = uuid();
      String spanId = uuid();
      int offset = random.nextInt(1000);
      for (int f = 0; f < framesPerTrace; f++) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        int frame = offset + f;
        sb.append("{\"item_type\":\"frame_event\",\"data\":{")
            .append("\"event_id\":\"")
            .append(uuid())
            .append("\",")
            .append("\"trace_id\":\"")
            .append(traceId)
            .append("\",")
            .append("\"span_id\":\"")
            .append(spanId)
            .append("\",")
            .append("\"event_type\":\"FRAME_GENERATED\",")
            .append("\"frame_index\":")
            .append(frame)
            .append(',')
            .append("\"media_time_ms\":")
            .append(frame * 1000L / 24)
            .append(',')
            .append("\"observed_at\":\"")
            .append(WireJson.formatInstant(start.plusMillis(frame * 40L)))
            .append("\",")
            .append("\"quality_metrics\":{")
            .append("\"clip_similarity\":")
            .append(fmt(0.2 + random.nextDouble() * 0.2))
            .append(',')
            .append("\"aesthetic_score\":")
            .append(fmt(5 + random.nextDouble() * 2))
            .append(',')
            .append("\"temporal_consistency\":")
            .append(fmt(0.9 + random.nextDouble() * 0.09))
            .append("},\"gpu\":{")
            .append("\"vram_used_mb\":")
            .append(fmt(60_000 + random.nextDouble() * 8_000))
            .append(',')
            .append("\"gpu_utilization_pct\":")
            .append(fmt(90 + random.nextDouble() * 10))
            .append(',')
            .append("\"temperature_c\":")
            .append(60 + random.nextInt(20))
            .append("}}}");
      }
    }
    sb.append("]}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String uuid() {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L)
        .toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
