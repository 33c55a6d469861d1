package io.ovpo.ports.in;

import io.ovpo.ports.model.IngestReceipt;

/**
 * Accepts a batch: semantic validation of each valid item, idempotency, grouping into envelopes and
 * publishing. Only what reached the queue counts as processed.
 */
public interface IngestBatchUseCase {
  /**
   * @return the receipt (202 when at least one item was queued, else 400 with the errors); for a
   *     repeated Idempotency-Key with the same body, the first receipt with duplicate = true
   * @throws io.ovpo.ports.error.OvpoException IDEMPOTENCY_KEY_REUSED for the same key with another
   *     body; QUEUE_UNAVAILABLE when the queue did not take the batch (nothing is acknowledged);
   *     INVALID_IDEMPOTENCY_KEY for a malformed key; FORBIDDEN without trace:write
   */
  IngestReceipt ingest(IngestCommand command);
}
