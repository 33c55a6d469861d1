package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * Frame throughput and failures in one time bucket, by observed_at: how many traces had events in
 * it and how many events of each type were observed.
 */
public record FrameActivityBucket(
    Instant start,
    long traces,
    long framesGenerated,
    long framesDecoded,
    long frameErrors,
    long gpuSamples) {
  public FrameActivityBucket {
    Checks.notNull("start", start);
    Checks.range("traces", traces, 1, Long.MAX_VALUE);
    Checks.range("frames_generated", framesGenerated, 0, Long.MAX_VALUE);
    Checks.range("frames_decoded", framesDecoded, 0, Long.MAX_VALUE);
    Checks.range("frame_errors", frameErrors, 0, Long.MAX_VALUE);
    Checks.range("gpu_samples", gpuSamples, 0, Long.MAX_VALUE);
  }

  /** FRAME_ERROR ÷ (FRAME_GENERATED + FRAME_ERROR); 0 when the bucket has neither. */
  public double failureRate() {
    long attempts = framesGenerated + frameErrors;
    return attempts == 0 ? 0 : (double) frameErrors / attempts;
  }
}
