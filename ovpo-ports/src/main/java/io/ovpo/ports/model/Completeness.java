package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.List;

/**
 * The processor's verdict on a trace's frames: the reasons it is PARTIAL (empty when complete) and
 * the frame ranges missing against {@code expected_frames}. At most 100 reasons and 1000 ranges are
 * kept; {@code truncated} says when more were found.
 */
public record Completeness(
    List<PartialReason> reasons, List<FrameRange> missingFrames, boolean truncated) {
  public static final int MAX_REASONS = 100;
  public static final int MAX_RANGES = 1000;
  private static final Completeness COMPLETE = new Completeness(List.of(), List.of(), false);

  public Completeness {
    Checks.maxSize("reasons", reasons, MAX_REASONS);
    Checks.maxSize("missing_frames", missingFrames, MAX_RANGES);
    reasons = List.copyOf(reasons);
    missingFrames = List.copyOf(missingFrames);
  }

  /** Nothing wrong found. */
  public static Completeness complete() {
    return COMPLETE;
  }

  public boolean isComplete() {
    return reasons.isEmpty();
  }
}
