package io.ovpo.ports.model;

import java.util.OptionalDouble;

/**
 * A per-frame number that frame analytics aggregate: the well-known quality metrics and the GPU
 * readings. An event contributes to a metric only when it carries it.
 */
public enum FrameMetric {
  CLIP_SIMILARITY,
  AESTHETIC_SCORE,
  TEMPORAL_CONSISTENCY,
  GPU_UTILIZATION_PCT,
  VRAM_USED_MB,
  GPU_TEMPERATURE_C;

  /** This metric's value in {@code event}, or empty when the event does not carry it. */
  public OptionalDouble of(FrameEvent event) {
    return switch (this) {
      case CLIP_SIMILARITY -> event.qualityMetrics().get(QualityMetrics.CLIP_SIMILARITY);
      case AESTHETIC_SCORE -> event.qualityMetrics().get(QualityMetrics.AESTHETIC_SCORE);
      case TEMPORAL_CONSISTENCY -> event.qualityMetrics().get(QualityMetrics.TEMPORAL_CONSISTENCY);
      case GPU_UTILIZATION_PCT ->
          event
              .gpu()
              .map(g -> OptionalDouble.of(g.gpuUtilizationPct()))
              .orElse(OptionalDouble.empty());
      case VRAM_USED_MB ->
          event.gpu().map(g -> OptionalDouble.of(g.vramUsedMb())).orElse(OptionalDouble.empty());
      case GPU_TEMPERATURE_C ->
          event.gpu().map(GpuSample::temperatureC).orElse(OptionalDouble.empty());
    };
  }
}
