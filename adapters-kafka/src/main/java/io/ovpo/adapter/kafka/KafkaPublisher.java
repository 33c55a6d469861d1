package io.ovpo.adapter.kafka;

import io.ovpo.ports.error.MessageTooLargeException;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Sends the envelopes (idempotent producer, {@code acks=all}, so order per partition holds across
 * retries) and returns once the broker acknowledged every one. The key is the tenant id, or the
 * partition key {@code tenant:trace} when configured, so one key's envelopes share a partition.
 * Kafka has no server-side duplicate window: a collector's retry of the same envelope id is
 * delivered twice, and the processor's dedupe drops it.
 */
final class KafkaPublisher {
  private final KafkaSession session;

  KafkaPublisher(KafkaSession session) {
    this.session = session;
  }

  void publish(List<Envelope> envelopes) {
    for (Envelope e : envelopes) {
      if (e.sizeBytes() > Envelope.MAX_BYTES) {
        throw new MessageTooLargeException(e.sizeBytes(), Envelope.MAX_BYTES);
      }
    }
    KafkaSettings s = session.settings;
    try {
      session.ensureTopics();
      List<Future<RecordMetadata>> acks = new ArrayList<>(envelopes.size());
      for (Envelope e : envelopes) {
        String key = s.keyByTrace() ? e.partitionKey() : e.tenantId().value();
        acks.add(
            session
                .producer()
                .send(
                    new ProducerRecord<>(
                        s.topic(),
                        null,
                        key.getBytes(StandardCharsets.UTF_8),
                        e.payload(),
                        EnvelopeHeaders.of(e))));
      }
      long deadline = System.nanoTime() + s.requestTimeout().toNanos() + 5_000_000_000L;
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(envelopes, e);
    } catch (ExecutionException e) {
      throw unavailable(envelopes, e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(envelopes, e);
    }
  }

  private static QueueUnavailableException unavailable(List<Envelope> envelopes, Throwable cause) {
    String hint =
        cause instanceof RecordTooLargeException
            ? " (the topic's max.message.bytes must be at least "
                + KafkaSettings.MAX_RECORD_BYTES
                + ")"
            : "";
    return new QueueUnavailableException(
        "kafka",
        "publish of "
            + envelopes.size()
            + " envelope(s) not confirmed: "
            + cause.getMessage()
            + hint,
        cause);
  }
}
