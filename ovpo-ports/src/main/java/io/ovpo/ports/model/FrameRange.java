package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** An inclusive range of frame indexes, e.g. frames missing from a trace. */
public record FrameRange(long first, long last) {
  public FrameRange {
    Checks.range("first", first, 0, Long.MAX_VALUE);
    Checks.check(last >= first, "last", "must not be below first");
  }

  /** Number of frames in the range. */
  public long size() {
    return last - first + 1;
  }
}
