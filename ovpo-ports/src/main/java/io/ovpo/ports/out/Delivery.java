package io.ovpo.ports.out;

import io.ovpo.ports.model.Envelope;
import java.time.Duration;

/**
 * One delivery of an envelope. Exactly one of ack, nack or deadLetter settles it; calling a second
 * one has no effect.
 */
public interface Delivery {
  /** The envelope, with {@code attempt()} set to this delivery's number (1-based). */
  Envelope envelope();

  /** The envelope was fully processed and its writes committed: never deliver it again. */
  void ack();

  /** Processing failed for a reason that may pass: deliver again after about {@code delay}. */
  void nack(Duration delay);

  /** Processing can never succeed: move it to the dead-letter path with the reason. */
  void deadLetter(String reason);
}
