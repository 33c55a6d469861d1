package io.ovpo.ports.model;

import java.time.Duration;

/** Width of a time-series bucket; buckets start at whole UTC hours or days. */
public enum BucketWidth {
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1));

  private final Duration width;

  BucketWidth(Duration width) {
    this.width = width;
  }

  public Duration width() {
    return width;
  }
}
