package io.ovpo.core.service;

import io.ovpo.ports.model.Envelope;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link IngestService}.
 *
 * @param inProgressWait how long a request waits for a concurrent request with the same
 *     Idempotency-Key to finish before answering CONFLICT; at most 5 s (spec 02 §4 rule 7)
 * @param inProgressPoll pause between looks at such a request
 * @param claimLockTtl after this, a claim whose owner neither completed nor released it (a crashed
 *     collector) may be taken over; longer than a whole publish with its retries
 * @param idempotencyRetention how long a receipt is replayed (at least 24 h)
 * @param publishAttempts tries of one publish before the queue counts as unavailable
 * @param publishBackoff pause before the second try; doubles for each further try
 * @param maxEnvelopePayloadBytes payload bound of one envelope, well below the 10 MiB message limit
 */
public record IngestSettings(
    Duration inProgressWait,
    Duration inProgressPoll,
    Duration claimLockTtl,
    Duration idempotencyRetention,
    int publishAttempts,
    Duration publishBackoff,
    int maxEnvelopePayloadBytes) {
  /** The longest a request waits for a concurrent one with its Idempotency-Key (spec 02 §4). */
  public static final Duration MAX_IN_PROGRESS_WAIT = Duration.ofSeconds(5);

  public static final IngestSettings DEFAULT =
      new IngestSettings(
          MAX_IN_PROGRESS_WAIT,
          Duration.ofMillis(25),
          Duration.ofSeconds(60),
          Duration.ofHours(24),
          3,
          Duration.ofMillis(50),
          8 * 1024 * 1024);

  public IngestSettings {
    positive("inProgressWait", inProgressWait);
    if (inProgressWait.compareTo(MAX_IN_PROGRESS_WAIT) > 0) {
      throw new IllegalArgumentException("inProgressWait must be at most 5 s");
    }
    positive("inProgressPoll", inProgressPoll);
    positive("claimLockTtl", claimLockTtl);
    positive("idempotencyRetention", idempotencyRetention);
    if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("idempotencyRetention must be at least 24 h");
    }
    if (publishAttempts < 1) {
      throw new IllegalArgumentException("publishAttempts must be at least 1");
    }
    Objects.requireNonNull(publishBackoff, "publishBackoff");
    if (publishBackoff.isNegative()) {
      throw new IllegalArgumentException("publishBackoff must not be negative");
    }
    int max = Envelope.MAX_BYTES - Envelope.METADATA_ALLOWANCE;
    if (maxEnvelopePayloadBytes < 1024 || maxEnvelopePayloadBytes > max) {
      throw new IllegalArgumentException("maxEnvelopePayloadBytes must be in 1024.." + max);
    }
  }

  public static IngestSettings defaults() {
    return DEFAULT;
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
