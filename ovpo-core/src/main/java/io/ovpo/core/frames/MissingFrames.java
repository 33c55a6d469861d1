package io.ovpo.core.frames;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.StoredFrameEvent;
import java.util.ArrayList;
import java.util.List;

/** Frames missing against expected_frames, as merged ascending ranges. */
final class MissingFrames {
  private MissingFrames() {}

  /**
   * Adds a MISSING_FRAMES reason when {@code sorted} (one event type, frame_index ascending) lacks
   * any index of 0..expected-1. Indexes at or beyond {@code expected} are ignored.
   */
  static void check(int expected, List<StoredFrameEvent> sorted, ReasonCollector out) {
    List<FrameRange> missing = new ArrayList<>();
    long next = 0; // lowest index not yet seen
    long missingCount = 0;
    for (StoredFrameEvent s : sorted) {
      long index = s.event().frameIndex();
      if (index >= expected) {
        break;
      }
      if (index > next) {
        add(missing, new FrameRange(next, index - 1));
        missingCount += index - next;
      }
      next = Math.max(next, index + 1);
    }
    if (next < expected) {
      add(missing, new FrameRange(next, expected - 1L));
      missingCount += expected - next;
    }
    if (!missing.isEmpty()) {
      EventType type =
          sorted.isEmpty() ? EventType.FRAME_GENERATED : sorted.get(0).event().eventType();
      out.missingFrames(type, missingCount, expected, missing);
    }
  }

  /** Keeps one range beyond the cap so the collector can tell that it truncated. */
  private static void add(List<FrameRange> missing, FrameRange range) {
    if (missing.size() <= Completeness.MAX_RANGES) {
      missing.add(range);
    }
  }
}
