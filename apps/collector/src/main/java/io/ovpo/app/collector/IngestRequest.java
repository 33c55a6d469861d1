package io.ovpo.app.collector;

import io.ovpo.wire.DecodedBatch;
import java.util.Objects;
import java.util.Optional;

/**
 * An ingest request after the header and body checks 5-10 of spec 02 §2.
 *
 * @param idempotencyKey the well-formed Idempotency-Key, when one was sent
 * @param batch every item, schema-checked and decoded, with the body hash
 */
public record IngestRequest(Optional<String> idempotencyKey, DecodedBatch batch) {
  public IngestRequest {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(batch, "batch");
  }
}
