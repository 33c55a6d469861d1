package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** How a video was generated: model, output geometry, sampler settings and hardware. */
public record PipelineConfig(
    String modelName,
    Optional<String> modelVersion,
    int width,
    int height,
    double fps,
    int numFrames,
    OptionalInt steps,
    OptionalDouble guidanceScale,
    OptionalLong seed,
    Optional<String> scheduler,
    Hardware hardware) {
  public PipelineConfig {
    Checks.length("pipeline_config.model_name", modelName, 1, 256);
    Checks.notNull("pipeline_config.model_version", modelVersion)
        .ifPresent(v -> Checks.length("pipeline_config.model_version", v, 1, 128));
    Checks.range("pipeline_config.width", width, 1, 16384);
    Checks.range("pipeline_config.height", height, 1, 16384);
    Checks.range("pipeline_config.fps", fps, Double.MIN_VALUE, 1000);
    Checks.range("pipeline_config.num_frames", numFrames, 1, 10_000_000);
    Checks.notNull("pipeline_config.steps", steps)
        .ifPresent(s -> Checks.range("pipeline_config.steps", s, 1, 10_000));
    Checks.notNull("pipeline_config.guidance_scale", guidanceScale)
        .ifPresent(g -> Checks.range("pipeline_config.guidance_scale", g, 0, 100));
    Checks.notNull("pipeline_config.seed", seed)
        .ifPresent(s -> Checks.range("pipeline_config.seed", s, 0, Long.MAX_VALUE));
    Checks.notNull("pipeline_config.scheduler", scheduler)
        .ifPresent(s -> Checks.length("pipeline_config.scheduler", s, 1, 128));
    Checks.notNull("pipeline_config.hardware", hardware);
  }
}
