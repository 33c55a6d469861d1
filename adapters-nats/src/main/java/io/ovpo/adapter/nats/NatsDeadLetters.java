package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamState;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter stream {@code <stream>_DLQ}: the envelope's headers and payload (or payload
 * reference) plus the reason, the attempt and when. Messages that could not be read as an envelope
 * are copied as they are, with the reason; {@link #read} skips those, they are for an operator with
 * the {@code nats} tool.
 */
final class NatsDeadLetters {
  /** JetStream API error: no message with that sequence (deleted or expired). */
  private static final int NO_MESSAGE_FOUND = 10037;

  private static final int MAX_REASON = 4096;

  private final NatsSession session;

  NatsDeadLetters(NatsSession session) {
    this.session = session;
  }

  /** Writes the envelope, as delivered, with the reason; returns once the server stored it. */
  void write(Message delivered, Envelope envelope, String reason) {
    Headers headers = EnvelopeHeaders.of(envelope);
    String ref = delivered.getHeaders().getFirst(EnvelopeHeaders.PAYLOAD_OBJECT);
    byte[] body = envelope.payload();
    if (ref != null) {
      headers.put(EnvelopeHeaders.PAYLOAD_OBJECT, ref);
      body = new byte[0];
    }
    headers.put(EnvelopeHeaders.ATTEMPT, Integer.toString(envelope.attempt()));
    store(headers, body, reason, envelope.envelopeId().value() + "#" + envelope.attempt());
  }

  /** Copies a message that is not a readable envelope, with the reason. */
  void writeRaw(Message delivered, String reason) {
    Headers headers = new Headers();
    if (delivered.getHeaders() != null) {
      for (String name : delivered.getHeaders().keySet()) {
        headers.put(name, delivered.getHeaders().get(name));
      }
    }
    headers.put(EnvelopeHeaders.ATTEMPT, Long.toString(delivered.metaData().deliveredCount()));
    String id =
        delivered.metaData().getStream() + "#" + delivered.metaData().streamSequence() + "#raw";
    store(headers, delivered.getData(), reason, id);
  }

  private void store(Headers headers, byte[] body, String reason, String msgId) {
    NatsSettings s = session.settings;
    headers.put(EnvelopeHeaders.REASON, HeaderText.encode(truncate(reason)));
    headers.put(EnvelopeHeaders.DEAD_LETTERED_AT, s.clock().instant().toString());
    NatsMessage message =
        NatsMessage.builder().subject(s.deadLetterSubject()).headers(headers).data(body).build();
    PublishOptions options =
        PublishOptions.builder().messageId(msgId).expectedStream(s.deadLetterStream()).build();
    try {
      session.js.publish(message, options);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw new QueueUnavailableException("nats", "dead letter not stored: " + e.getMessage(), e);
    }
  }

  /** Up to {@code max} dead letters, oldest first. */
  List<DeadLetter> read(int max) throws IOException, JetStreamApiException {
    List<DeadLetter> out = new ArrayList<>();
    if (max == 0) {
      return out;
    }
    StreamState state =
        session.jsm.getStreamInfo(session.settings.deadLetterStream()).getStreamState();
    if (state.getMsgCount() == 0) {
      return out;
    }
    for (long seq = state.getFirstSequence();
        seq <= state.getLastSequence() && out.size() < max;
        seq++) {
      fetch(seq).flatMap(this::toDeadLetter).ifPresent(out::add);
    }
    return out;
  }

  private Optional<MessageInfo> fetch(long seq) throws IOException, JetStreamApiException {
    try {
      return Optional.of(session.jsm.getMessage(session.settings.deadLetterStream(), seq));
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<DeadLetter> toDeadLetter(MessageInfo m) {
    Headers h = m.getHeaders();
    try {
      byte[] payload = m.getData() == null ? new byte[0] : m.getData();
      String ref = h == null ? null : h.getFirst(EnvelopeHeaders.PAYLOAD_OBJECT);
      if (ref != null) {
        Optional<byte[]> stored = session.payloads.get(ref);
        if (stored.isEmpty()) {
          return Optional.empty();
        }
        payload = stored.get();
      }
      int attempt = Integer.parseInt(EnvelopeHeaders.required(h, EnvelopeHeaders.ATTEMPT));
      Envelope envelope = EnvelopeHeaders.parse(h, payload, attempt);
      String reason = HeaderText.decode(EnvelopeHeaders.required(h, EnvelopeHeaders.REASON));
      Instant at = Instant.parse(EnvelopeHeaders.required(h, EnvelopeHeaders.DEAD_LETTERED_AT));
      return Optional.of(new DeadLetter(envelope, reason, at));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    } catch (IOException | JetStreamApiException e) {
      throw new QueueUnavailableException("nats", "dead-letter payload unreadable", e);
    }
  }

  static String truncate(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }
}
