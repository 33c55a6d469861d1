package io.ovpo.adapter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * A topic name no other test run uses, on the test broker, for building queues in tests (contract,
 * chaos, benchmarks); {@link #close()} deletes the topic and its dead-letter topic.
 *
 * <pre>{@code
 * try (KafkaTestQueue names = KafkaTestQueue.create();
 *     KafkaIngestQueue queue = names.builder().ackWait(Duration.ofSeconds(2)).build()) { ... }
 * }</pre>
 */
public final class KafkaTestQueue implements AutoCloseable {
  private final String bootstrapServers;
  private final String topic;

  private KafkaTestQueue(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** A topic on the broker {@link KafkaBrokerExtension} started. */
  public static KafkaTestQueue create() {
    return create(KafkaBrokerExtension.bootstrapServers());
  }

  public static KafkaTestQueue create(String bootstrapServers) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new KafkaTestQueue(bootstrapServers, "ovpo.it." + id.toLowerCase(Locale.ROOT));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topic() {
    return topic;
  }

  /** A builder on this topic with test defaults: 4 partitions, replication 1, short timeouts. */
  public KafkaIngestQueue.Builder builder() {
    return KafkaIngestQueue.builder()
        .bootstrapServers(bootstrapServers)
        .topic(topic)
        .partitions(4)
        .replicationFactor(1)
        .requestTimeout(Duration.ofSeconds(10))
        .clientId("ovpo-it");
  }

  /** Deletes the topics; best effort, without waiting for the broker to finish. */
  @Override
  public void close() {
    try {
      admin(bootstrapServers).deleteTopics(List.of(topic, topic + ".dlq"));
    } catch (RuntimeException e) {
      // cleanup only
    }
  }

  private static final Map<String, Admin> ADMINS = new ConcurrentHashMap<>();

  /** One admin client per broker for the JVM: creating one per test costs more than the test. */
  private static Admin admin(String bootstrapServers) {
    return ADMINS.computeIfAbsent(
        bootstrapServers, b -> Admin.create(Map.of("bootstrap.servers", b)));
  }
}
