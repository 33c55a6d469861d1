package io.ovpo.adapter.kafka;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Everything the builder collected, validated once. */
record KafkaSettings(
    String bootstrapServers,
    String topic,
    String deadLetterTopic,
    int partitions,
    Optional<Short> replicationFactor,
    boolean keyByTrace,
    Duration retention,
    Duration deadLetterRetention,
    Duration ackWait,
    Optional<Duration> sessionTimeout,
    int maxDeliver,
    int maxPollRecords,
    Duration requestTimeout,
    String groupProtocol,
    boolean createTopics,
    Map<String, String> clientProperties,
    String clientId,
    MetricsRecorder metrics,
    Clock clock) {
  /**
   * The largest record: a 10 MiB envelope plus headers and record-batch overhead. Topic {@code
   * max.message.bytes}, producer {@code max.request.size} and consumer fetch sizes all use it.
   */
  static final int MAX_RECORD_BYTES = Envelope.MAX_BYTES + 64 * 1024;

  private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");

  KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    require(!bootstrapServers.isBlank(), "bootstrap servers must be set");
    require(TOPIC.matcher(topic).matches(), "invalid topic name: " + topic);
    require(TOPIC.matcher(deadLetterTopic).matches(), "invalid topic name: " + deadLetterTopic);
    require(!topic.equals(deadLetterTopic), "the dead-letter topic must differ from the topic");
    require(partitions >= 1, "partitions must be at least 1");
    Objects.requireNonNull(replicationFactor, "replicationFactor");
    positive(retention, "retention");
    positive(deadLetterRetention, "deadLetterRetention");
    require(ackWait.toMillis() >= 1, "ackWait must be at least 1 ms");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    sessionTimeout.ifPresent(
        t -> require(t.toMillis() >= 1000, "sessionTimeout must be at least 1 second"));
    require(maxDeliver >= 1, "maxDeliver must be at least 1");
    require(maxPollRecords >= 1, "maxPollRecords must be at least 1");
    require(requestTimeout.toMillis() >= 1000, "requestTimeout must be at least 1 second");
    require(
        groupProtocol.equals("classic") || groupProtocol.equals("consumer"),
        "group protocol must be classic or consumer");
    clientProperties = Map.copyOf(clientProperties);
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(clock, "clock");
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    require(!d.isNegative() && !d.isZero(), what + " must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
