package io.ovpo.schemas;

/**
 * Size limits of the v0.08 wire contract. The item bounds are also in {@code ingest_batch.json}; a
 * test keeps the two equal.
 */
public final class Limits {
  /** Largest ingest body, in bytes, after gzip decoding (5 MiB). */
  public static final int MAX_BODY_BYTES = 5_242_880;

  /** Fewest items in an ingest batch. */
  public static final int MIN_ITEMS = 1;

  /** Most items in an ingest batch. */
  public static final int MAX_ITEMS = 10_000;

  /** Largest queue envelope, payload included, in bytes (10 MiB). */
  public static final int MAX_QUEUE_MESSAGE_BYTES = 10_485_760;

  /** Longest Idempotency-Key header value, in characters. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  private Limits() {}
}
