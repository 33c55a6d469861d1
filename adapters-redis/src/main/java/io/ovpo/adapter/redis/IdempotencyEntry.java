package io.ovpo.adapter.redis;

import io.ovpo.ports.model.IngestReceipt;
import java.util.Optional;

/**
 * What Redis holds under an Idempotency-Key: {@code P<tab><request hash>} while the owner is
 * processing (with the lock TTL), {@code D<tab><request hash><tab><receipt>} once it completed
 * (with the receipt's retention). The hash is kept in both, so a reuse with another body is
 * detected at any time.
 */
record IdempotencyEntry(String requestHash, Optional<IngestReceipt> receipt) {
  static final String PENDING = "P";
  static final String DONE = "D";

  static String pending(String requestHash) {
    return PENDING + '\t' + ReceiptCodec.text(requestHash);
  }

  static String done(String requestHash, IngestReceipt receipt) {
    return DONE + '\t' + ReceiptCodec.text(requestHash) + '\t' + ReceiptCodec.encode(receipt);
  }

  /**
   * @throws IllegalArgumentException when {@code value} was not written by this adapter
   */
  static IdempotencyEntry decode(String value) {
    String[] f = value.split("\t", 3);
    if (f.length == 2 && f[0].equals(PENDING)) {
      return new IdempotencyEntry(ReceiptCodec.untext(f[1]), Optional.empty());
    }
    if (f.length == 3 && f[0].equals(DONE)) {
      return new IdempotencyEntry(
          ReceiptCodec.untext(f[1]), Optional.of(ReceiptCodec.decode(f[2])));
    }
    throw new IllegalArgumentException("not an idempotency entry");
  }
}
