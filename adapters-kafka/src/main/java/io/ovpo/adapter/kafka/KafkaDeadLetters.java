package io.ovpo.adapter.kafka;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter topic: the envelope's headers and payload plus the reason, attempt and time, one
 * partition so the listing is oldest first. Records that were not readable envelopes are copied as
 * they are with the reason; {@link #read} skips those, they are for an operator's tools.
 */
final class KafkaDeadLetters {
  private static final int MAX_REASON = 4096;

  private final KafkaSession session;

  KafkaDeadLetters(KafkaSession session) {
    this.session = session;
  }

  /** Writes the envelope with the reason; returns once the broker acknowledged it. */
  void write(Envelope envelope, String reason) {
    RecordHeaders headers = EnvelopeHeaders.of(envelope);
    EnvelopeHeaders.put(headers, EnvelopeHeaders.ATTEMPT, Integer.toString(envelope.attempt()));
    send(key(envelope.tenantId().value()), envelope.payload(), headers, reason);
  }

  /** Copies a record that is not a readable envelope, with the reason. */
  void writeRaw(ConsumerRecord<byte[], byte[]> record, int attempt, String reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    EnvelopeHeaders.put(headers, EnvelopeHeaders.ATTEMPT, Integer.toString(attempt));
    send(record.key(), record.value(), headers, reason);
  }

  private void send(byte[] key, byte[] value, RecordHeaders headers, String reason) {
    KafkaSettings s = session.settings;
    String text = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    EnvelopeHeaders.put(headers, EnvelopeHeaders.REASON, text);
    EnvelopeHeaders.put(headers, EnvelopeHeaders.DEAD_LETTERED_AT, s.clock().instant().toString());
    try {
      session
          .producer()
          .send(new ProducerRecord<>(s.deadLetterTopic(), null, key, value, headers))
          .get(s.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(e);
    }
  }

  /** Up to {@code max} dead letters, oldest first, read with a group-less consumer. */
  List<DeadLetter> read(int max) {
    List<DeadLetter> out = new ArrayList<>();
    if (max == 0) {
      return out;
    }
    KafkaSettings s = session.settings;
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(KafkaClients.reader(s, "dead-letters"))) {
      List<TopicPartition> partitions =
          reader.partitionsFor(s.deadLetterTopic(), s.requestTimeout()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, s.requestTimeout());
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + s.requestTimeout().toNanos();
      while (!caughtUp(reader, end) && System.nanoTime() < deadline) {
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.sort(
          Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
              .thenComparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        if (out.size() == max) {
          break;
        }
        toDeadLetter(r).ifPresent(out::add);
      }
    } catch (KafkaException e) {
      throw unavailable(e);
    }
    return out;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> reader, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (reader.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<DeadLetter> toDeadLetter(ConsumerRecord<byte[], byte[]> r) {
    try {
      int attempt =
          Integer.parseInt(EnvelopeHeaders.required(r.headers(), EnvelopeHeaders.ATTEMPT));
      Envelope envelope = EnvelopeHeaders.parse(r.headers(), r.value(), attempt);
      String reason = EnvelopeHeaders.required(r.headers(), EnvelopeHeaders.REASON);
      Instant at =
          Instant.parse(EnvelopeHeaders.required(r.headers(), EnvelopeHeaders.DEAD_LETTERED_AT));
      return Optional.of(new DeadLetter(envelope, reason, at));
    } catch (RuntimeException e) {
      return Optional.empty(); // not an envelope: left for an operator
    }
  }

  static byte[] key(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static QueueUnavailableException unavailable(Throwable cause) {
    return new QueueUnavailableException(
        "kafka", "dead-letter topic unavailable: " + cause.getMessage(), cause);
  }
}
