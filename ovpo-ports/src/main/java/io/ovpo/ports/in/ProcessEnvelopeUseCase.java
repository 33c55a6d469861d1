package io.ovpo.ports.in;

import io.ovpo.ports.model.Envelope;

/**
 * Applies one envelope: dedupe, lifecycle, correlation, frame checks and compute units. Safe to
 * call again with the same envelope (redelivery): the stored result is the same and nothing is
 * counted twice. The caller acks only after this returns.
 */
public interface ProcessEnvelopeUseCase {
  /**
   * @throws io.ovpo.ports.error.StoreUnavailableException when a write failed for a reason that may
   *     pass: nack and retry with backoff
   * @throws PoisonMessageException when the envelope can never succeed: dead-letter it
   */
  ProcessingResult process(Envelope envelope);
}
