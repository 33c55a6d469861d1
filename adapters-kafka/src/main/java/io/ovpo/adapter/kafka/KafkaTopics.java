package io.ovpo.adapter.kafka;

import io.ovpo.ports.error.QueueUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the ingest topic and its dead-letter topic when missing, sized for 10 MiB envelopes. An
 * existing topic is left as the operator configured it (its {@code max.message.bytes} must still
 * allow 10 MiB envelopes).
 */
final class KafkaTopics {
  private KafkaTopics() {}

  static void ensure(Admin admin, KafkaSettings s) {
    NewTopic main =
        new NewTopic(s.topic(), Optional.of(s.partitions()), s.replicationFactor())
            .configs(
                Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(KafkaSettings.MAX_RECORD_BYTES),
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(s.retention().toMillis())));
    // one partition: the dead-letter listing is oldest first, and volume is low
    NewTopic dead =
        new NewTopic(s.deadLetterTopic(), Optional.of(1), s.replicationFactor())
            .configs(
                Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(KafkaSettings.MAX_RECORD_BYTES),
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(s.deadLetterRetention().toMillis())));
    createMissing(admin, s, main, dead);
    awaitLeaders(admin, s);
  }

  private static void createMissing(Admin admin, KafkaSettings s, NewTopic main, NewTopic dead) {
    List<KafkaFuture<Void>> created =
        new ArrayList<>(admin.createTopics(List.of(main, dead)).values().values());
    for (KafkaFuture<Void> f : created) {
      try {
        f.get(s.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new QueueUnavailableException(
              "kafka", "cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueueUnavailableException("kafka", "interrupted creating topics", e);
      } catch (TimeoutException e) {
        throw new QueueUnavailableException("kafka", "timed out creating topics", e);
      }
    }
  }

  /** A topic just created is usable once every partition has a leader. */
  private static void awaitLeaders(Admin admin, KafkaSettings s) {
    long deadline = System.nanoTime() + s.requestTimeout().toNanos();
    List<String> topics = List.of(s.topic(), s.deadLetterTopic());
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(topics)
                .allTopicNames()
                .get(s.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        boolean ready =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new QueueUnavailableException(
              "kafka", "cannot describe topics: " + e.getCause().getMessage(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueueUnavailableException("kafka", "interrupted waiting for topics", e);
      } catch (TimeoutException e) {
        throw new QueueUnavailableException("kafka", "timed out waiting for topics", e);
      }
      if (System.nanoTime() > deadline) {
        throw new QueueUnavailableException("kafka", "topics have no leader yet: " + topics, null);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueueUnavailableException("kafka", "interrupted waiting for topics", e);
      }
    }
  }
}
