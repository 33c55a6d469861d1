package io.ovpo.core.service;

import io.ovpo.ports.model.FrameActivityBucket;
import io.ovpo.ports.model.TimeBucket;

/**
 * The counting frame series of spec 05 §6.4 (enum FrameSeriesMetric): each reads one figure of a
 * {@link FrameActivityBucket} as the bucket's value, with the number of events it is based on.
 */
public enum FrameActivityMetric {
  TRACES,
  FRAMES_GENERATED,
  FRAMES_DECODED,
  FRAME_ERRORS,
  GPU_SAMPLES,
  /** FRAME_ERROR ÷ (FRAME_GENERATED + FRAME_ERROR), based on those attempts only. */
  FRAME_FAILURE_RATE;

  /** The bucket's point: its start, this metric's value and the events the value is over. */
  public TimeBucket point(FrameActivityBucket b) {
    long events = b.framesGenerated() + b.framesDecoded() + b.frameErrors() + b.gpuSamples();
    return switch (this) {
      case TRACES -> new TimeBucket(b.start(), b.traces(), events);
      case FRAMES_GENERATED -> new TimeBucket(b.start(), b.framesGenerated(), events);
      case FRAMES_DECODED -> new TimeBucket(b.start(), b.framesDecoded(), events);
      case FRAME_ERRORS -> new TimeBucket(b.start(), b.frameErrors(), events);
      case GPU_SAMPLES -> new TimeBucket(b.start(), b.gpuSamples(), events);
      case FRAME_FAILURE_RATE ->
          new TimeBucket(b.start(), b.failureRate(), b.framesGenerated() + b.frameErrors());
    };
  }
}
