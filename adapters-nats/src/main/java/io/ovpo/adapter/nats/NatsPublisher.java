package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ovpo.ports.error.MessageTooLargeException;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes envelopes asynchronously, in order on one connection, then waits for every
 * acknowledgement. {@code Nats-Msg-Id} is the envelope id, so a retried publish inside the stream's
 * duplicate window is dropped by the server.
 */
final class NatsPublisher {
  private static final byte[] EMPTY = new byte[0];

  private final NatsSession session;

  NatsPublisher(NatsSession session) {
    this.session = session;
  }

  void publish(List<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      if (e.sizeBytes() > Envelope.MAX_BYTES) {
        throw new MessageTooLargeException(e.sizeBytes(), Envelope.MAX_BYTES);
      }
    }
    NatsSettings s = session.settings;
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(envelopes.size());
    try {
      for (Envelope e : envelopes) {
        acks.add(session.js.publishAsync(message(e), options(e, s.stream())));
      }
      long deadline = System.nanoTime() + s.requestTimeout().toNanos();
      for (CompletableFuture<PublishAck> ack : acks) {
        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(envelopes, e);
    } catch (ExecutionException e) {
      throw unavailable(envelopes, e.getCause());
    } catch (IOException | JetStreamApiException | TimeoutException | RuntimeException e) {
      throw unavailable(envelopes, e);
    }
  }

  private NatsMessage message(Envelope e) throws IOException, JetStreamApiException {
    Headers headers = EnvelopeHeaders.of(e);
    byte[] body = e.payload();
    if (session.payloads.needsClaimCheck(body.length)) {
      session.payloads.put(e.envelopeId().value(), body);
      headers.put(EnvelopeHeaders.PAYLOAD_OBJECT, e.envelopeId().value());
      body = EMPTY;
    }
    return NatsMessage.builder()
        .subject(session.settings.subjectFor(e.tenantId()))
        .headers(headers)
        .data(body)
        .build();
  }

  static PublishOptions options(Envelope e, String stream) {
    return PublishOptions.builder()
        .messageId(e.envelopeId().value())
        .expectedStream(stream)
        .build();
  }

  private static QueueUnavailableException unavailable(List<Envelope> envelopes, Throwable cause) {
    return new QueueUnavailableException(
        "nats",
        "publish of " + envelopes.size() + " envelope(s) not confirmed: " + cause.getMessage(),
        cause);
  }
}
