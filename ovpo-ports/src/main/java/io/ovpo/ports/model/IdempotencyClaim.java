package io.ovpo.ports.model;

/** Result of claiming an Idempotency-Key for a request. */
public sealed interface IdempotencyClaim {
  /** The key is new: this request owns it and must complete or release it. */
  record Acquired() implements IdempotencyClaim {}

  /** The same body was already processed under this key: replay its receipt. */
  record Completed(IngestReceipt receipt) implements IdempotencyClaim {}

  /** Another request with the same key and body is being processed right now: wait and retry. */
  record InProgress() implements IdempotencyClaim {}

  /** The key was used with a different body (HTTP 422). */
  record Conflict() implements IdempotencyClaim {}
}
