package io.ovpo.ports.model;

import io.ovpo.ports.error.MessageTooLargeException;
import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The unit the collector puts on the ingest queue: validated items of one tenant and one trace.
 *
 * @param envelopeId fixed at creation; a broker uses it to drop a re-publish of the same envelope
 * @param partitionKey {@code <tenant_id>:<trace_id>}; a broker keeps one key's envelopes in order
 * @param payload the items, encoded by the {@code ItemCodec}
 * @param contentHash lower-case hex SHA-256 of {@code payload}
 * @param attempt 1-based delivery count, set by the queue on delivery
 */
public record Envelope(
    EnvelopeId envelopeId,
    TenantId tenantId,
    Instant receivedAt,
    MessageType messageType,
    String partitionKey,
    byte[] payload,
    String contentHash,
    int attempt) {
  /** 10 MiB: the most one queue message may hold, payload and metadata together. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** Generous upper bound of the metadata a broker adds around the payload. */
  public static final int METADATA_ALLOWANCE = 1024;

  public Envelope {
    Checks.notNull("envelope_id", envelopeId);
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("received_at", receivedAt);
    Checks.notNull("message_type", messageType);
    Checks.length("partition_key", partitionKey, 1, 256);
    Checks.notNull("payload", payload);
    if (payload.length + METADATA_ALLOWANCE > MAX_BYTES) {
      throw new MessageTooLargeException(payload.length + METADATA_ALLOWANCE, MAX_BYTES);
    }
    Checks.matches("content_hash", contentHash, Checks.HEX64);
    Checks.range("attempt", attempt, 1, Integer.MAX_VALUE);
  }

  /** The same envelope as delivered for the given attempt. */
  public Envelope withAttempt(int n) {
    return new Envelope(
        envelopeId, tenantId, receivedAt, messageType, partitionKey, payload, contentHash, n);
  }

  /** Size counted against {@link #MAX_BYTES}. */
  public int sizeBytes() {
    return payload.length + METADATA_ALLOWANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e
        && envelopeId.equals(e.envelopeId)
        && tenantId.equals(e.tenantId)
        && receivedAt.equals(e.receivedAt)
        && messageType == e.messageType
        && partitionKey.equals(e.partitionKey)
        && Arrays.equals(payload, e.payload)
        && contentHash.equals(e.contentHash)
        && attempt == e.attempt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        envelopeId, tenantId, receivedAt, messageType, partitionKey, contentHash, attempt);
  }

  @Override
  public String toString() {
    return "Envelope["
        + envelopeId
        + ", "
        + tenantId
        + ", "
        + messageType
        + ", "
        + payload.length
        + " bytes, attempt "
        + attempt
        + "]";
  }
}
