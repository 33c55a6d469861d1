package io.ovpo.adapter.nats;

import io.nats.client.impl.Headers;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Envelope metadata as NATS headers; the message body is the payload. A payload too large for one
 * NATS message is in the payload bucket under {@link #PAYLOAD_OBJECT}, and the body is empty.
 */
final class EnvelopeHeaders {
  static final String ENVELOPE_ID = "Ovpo-Envelope-Id";
  static final String TENANT_ID = "Ovpo-Tenant-Id";
  static final String RECEIVED_AT = "Ovpo-Received-At";
  static final String MESSAGE_TYPE = "Ovpo-Message-Type";
  static final String PARTITION_KEY = "Ovpo-Partition-Key";
  static final String CONTENT_HASH = "Ovpo-Content-Hash";
  static final String PAYLOAD_OBJECT = "Ovpo-Payload-Object";
  static final String ATTEMPT = "Ovpo-Attempt";
  static final String REASON = "Ovpo-Dead-Letter-Reason";
  static final String DEAD_LETTERED_AT = "Ovpo-Dead-Lettered-At";

  private EnvelopeHeaders() {}

  static Headers of(Envelope e) {
    return new Headers()
        .put(ENVELOPE_ID, e.envelopeId().value())
        .put(TENANT_ID, e.tenantId().value())
        .put(RECEIVED_AT, e.receivedAt().toString())
        .put(MESSAGE_TYPE, e.messageType().wire())
        .put(PARTITION_KEY, HeaderText.encode(e.partitionKey()))
        .put(CONTENT_HASH, e.contentHash());
  }

  /**
   * The envelope these headers describe.
   *
   * @throws IllegalArgumentException when a header is missing or invalid
   */
  static Envelope parse(Headers h, byte[] payload, int attempt) {
    if (h == null) {
      throw new IllegalArgumentException("message has no headers");
    }
    String type = required(h, MESSAGE_TYPE);
    try {
      return new Envelope(
          EnvelopeId.of(required(h, ENVELOPE_ID)),
          TenantId.of(required(h, TENANT_ID)),
          Instant.parse(required(h, RECEIVED_AT)),
          MessageType.fromWire(type)
              .orElseThrow(() -> new IllegalArgumentException("unknown message type " + type)),
          HeaderText.decode(required(h, PARTITION_KEY)),
          payload,
          required(h, CONTENT_HASH),
          attempt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(RECEIVED_AT + ": " + e.getMessage(), e);
    }
  }

  static String required(Headers h, String name) {
    String value = h.getFirst(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("missing header " + name);
    }
    return value;
  }
}
