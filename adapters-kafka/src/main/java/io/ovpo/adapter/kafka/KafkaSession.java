package io.ovpo.adapter.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The clients one queue shares among its operations, created on first use (the constructors of
 * Kafka clients start threads, which the queue's builder must not).
 */
final class KafkaSession implements AutoCloseable {
  final KafkaSettings settings;
  final KafkaDeadLetters deadLetters;
  private Producer<byte[], byte[]> producer;
  private Admin admin;
  private boolean topicsReady;

  KafkaSession(KafkaSettings settings) {
    this.settings = settings;
    this.deadLetters = new KafkaDeadLetters(this);
  }

  synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(KafkaClients.producer(settings));
    }
    return producer;
  }

  synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(KafkaClients.admin(settings));
    }
    return admin;
  }

  /** Creates the topics once per session (when the builder allows it). */
  synchronized void ensureTopics() {
    if (!topicsReady) {
      if (settings.createTopics()) {
        KafkaTopics.ensure(admin(), settings);
      }
      topicsReady = true;
    }
  }

  @Override
  public synchronized void close() {
    Duration grace = Duration.ofSeconds(5);
    if (producer != null) {
      producer.close(grace);
      producer = null;
    }
    if (admin != null) {
      admin.close(grace);
      admin = null;
    }
  }
}
