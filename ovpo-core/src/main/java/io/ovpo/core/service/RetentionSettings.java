package io.ovpo.core.service;

import io.ovpo.core.retention.ManagedStorage;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link RetentionService} and {@link UserDeletionService}.
 *
 * @param batchSize traces (or artifacts) deleted per batch: each batch is a few short transactions,
 *     so a large purge never holds locks that ingest waits on
 * @param batchPause pause between two batches, leaving the stores to ingest meanwhile
 * @param managedStorage whose artifact objects OVPO deletes
 */
public record RetentionSettings(int batchSize, Duration batchPause, ManagedStorage managedStorage) {
  public static final RetentionSettings DEFAULT =
      new RetentionSettings(500, Duration.ofMillis(20), ManagedStorage.ovpoOnly());

  public RetentionSettings {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be in 1..10000");
    }
    Objects.requireNonNull(batchPause, "batchPause");
    if (batchPause.isNegative()) {
      throw new IllegalArgumentException("batchPause must not be negative");
    }
    Objects.requireNonNull(managedStorage, "managedStorage");
  }

  /** Between two batches; interruption ends the pause early and is kept for the caller. */
  void pause() {
    if (batchPause.isZero()) {
      return;
    }
    try {
      Thread.sleep(batchPause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
