package io.ovpo.adapter.kafka;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Envelope metadata as record headers (UTF-8 values); the record value is the payload. */
final class EnvelopeHeaders {
  static final String ENVELOPE_ID = "ovpo-envelope-id";
  static final String TENANT_ID = "ovpo-tenant-id";
  static final String RECEIVED_AT = "ovpo-received-at";
  static final String MESSAGE_TYPE = "ovpo-message-type";
  static final String PARTITION_KEY = "ovpo-partition-key";
  static final String CONTENT_HASH = "ovpo-content-hash";
  static final String ATTEMPT = "ovpo-attempt";
  static final String REASON = "ovpo-dead-letter-reason";
  static final String DEAD_LETTERED_AT = "ovpo-dead-lettered-at";

  private EnvelopeHeaders() {}

  static RecordHeaders of(Envelope e) {
    RecordHeaders h = new RecordHeaders();
    put(h, ENVELOPE_ID, e.envelopeId().value());
    put(h, TENANT_ID, e.tenantId().value());
    put(h, RECEIVED_AT, e.receivedAt().toString());
    put(h, MESSAGE_TYPE, e.messageType().wire());
    put(h, PARTITION_KEY, e.partitionKey());
    put(h, CONTENT_HASH, e.contentHash());
    return h;
  }

  /**
   * The envelope these headers describe.
   *
   * @throws IllegalArgumentException when a header is missing or invalid
   */
  static Envelope parse(Headers h, byte[] payload, int attempt) {
    String type = required(h, MESSAGE_TYPE);
    try {
      return new Envelope(
          EnvelopeId.of(required(h, ENVELOPE_ID)),
          TenantId.of(required(h, TENANT_ID)),
          Instant.parse(required(h, RECEIVED_AT)),
          MessageType.fromWire(type)
              .orElseThrow(() -> new IllegalArgumentException("unknown message type " + type)),
          required(h, PARTITION_KEY),
          payload == null ? new byte[0] : payload,
          required(h, CONTENT_HASH),
          attempt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(RECEIVED_AT + ": " + e.getMessage(), e);
    }
  }

  static void put(Headers h, String name, String value) {
    h.remove(name);
    h.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<String> get(Headers h, String name) {
    Header header = h.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  static String required(Headers h, String name) {
    return get(h, name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> new IllegalArgumentException("missing header " + name));
  }
}
