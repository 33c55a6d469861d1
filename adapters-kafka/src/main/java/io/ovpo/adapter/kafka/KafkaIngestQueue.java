package io.ovpo.adapter.kafka;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * The ingest queue on Kafka.
 *
 * <p>One topic ({@code ovpo.ingest} by default) keyed by tenant id, or by {@code tenant:trace} when
 * configured, written by an idempotent producer with {@code acks=all} and a request size fitting 10
 * MiB envelopes; envelope metadata travels in record headers, the value is the payload. A consumer
 * group is a Kafka consumer group committing manually: per-message ack and nack are mapped onto
 * offsets by committing only the contiguous settled prefix of each partition, and the delivery
 * count, which Kafka lacks, is kept in the commit metadata. The ack wait and nack delays are kept
 * by the consumer on the builder's clock. After {@code maxDeliver} deliveries an envelope goes to
 * the dead-letter topic ({@code <topic>.dlq}) with the reason. {@link #depth()} is the lag of the
 * group furthest behind.
 *
 * <p>Nothing connects until the first operation; {@link #close()} closes the clients it created.
 */
public final class KafkaIngestQueue implements IngestQueue {
  private final KafkaSettings settings;
  private final KafkaSession session;
  private final Set<KafkaQueueConsumer> consumers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private KafkaIngestQueue(KafkaSettings settings) {
    this.settings = settings;
    this.session = new KafkaSession(settings);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void publish(List<Envelope> envelopes) {
    Objects.requireNonNull(envelopes, "envelopes");
    open();
    if (!envelopes.isEmpty()) {
      new KafkaPublisher(session).publish(envelopes);
    }
  }

  @Override
  public QueueConsumer consumer(String group) {
    Objects.requireNonNull(group, "group");
    if (group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank");
    }
    open();
    session.ensureTopics();
    KafkaQueueConsumer consumer = new KafkaQueueConsumer(session, group, consumers::remove);
    consumers.add(consumer);
    return consumer;
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    open();
    session.ensureTopics();
    return session.deadLetters.read(max);
  }

  @Override
  public long depth() {
    open();
    try {
      session.ensureTopics();
      return KafkaDepth.of(session.admin(), settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueUnavailableException("kafka", "interrupted", e);
    } catch (ExecutionException e) {
      throw new QueueUnavailableException("kafka", "depth unknown: " + e.getCause(), e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw new QueueUnavailableException("kafka", "depth unknown: " + e, e);
    }
  }

  @Override
  public HealthStatus check() {
    try {
      open();
      String cluster =
          session
              .admin()
              .describeCluster()
              .clusterId()
              .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new HealthStatus("kafka", true, "cluster " + cluster + ", topic " + settings.topic());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthStatus.down("kafka", "interrupted");
    } catch (Exception e) {
      return HealthStatus.down("kafka", String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (KafkaQueueConsumer c : List.copyOf(consumers)) {
      c.close();
    }
    session.close();
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("queue closed");
    }
  }

  /** Settings with defaults for one OVPO deployment; only the bootstrap servers usually change. */
  public static final class Builder {
    private String bootstrapServers = "127.0.0.1:9092";
    private String topic = "ovpo.ingest";
    private String deadLetterTopic;
    private int partitions = 12;
    private Short replicationFactor;
    private boolean keyByTrace;
    private Duration retention = Duration.ofDays(7);
    private Duration deadLetterRetention = Duration.ofDays(14);
    private Duration ackWait = Duration.ofSeconds(30);
    private Duration sessionTimeout;
    private int maxDeliver = 5;
    private int maxPollRecords = 500;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private String groupProtocol = "classic";
    private boolean createTopics = true;
    private final Map<String, String> clientProperties = new HashMap<>();
    private String clientId = "ovpo";
    private MetricsRecorder metrics = MetricsRecorder.noop();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** {@code host:port,...}; default {@code 127.0.0.1:9092}. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** Default {@code ovpo.ingest}. */
    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    /** Default {@code <topic>.dlq}. */
    public Builder deadLetterTopic(String deadLetterTopic) {
      this.deadLetterTopic = deadLetterTopic;
      return this;
    }

    /** Partitions of a topic the queue creates; default 12. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Replication factor of topics the queue creates; default the broker's. */
    public Builder replicationFactor(int replicationFactor) {
      this.replicationFactor = (short) replicationFactor;
      return this;
    }

    /**
     * Key records by {@code tenant_id:trace_id} instead of {@code tenant_id}: spreads a busy tenant
     * over partitions, keeping order per trace only.
     */
    public Builder keyByTrace(boolean keyByTrace) {
      this.keyByTrace = keyByTrace;
      return this;
    }

    /** {@code retention.ms} of a topic the queue creates; default 7 days. */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /** {@code retention.ms} of the dead-letter topic; default 14 days. */
    public Builder deadLetterRetention(Duration deadLetterRetention) {
      this.deadLetterRetention = deadLetterRetention;
      return this;
    }

    /** A delivery not settled within this is redelivered; default 30 seconds. */
    public Builder ackWait(Duration ackWait) {
      this.ackWait = ackWait;
      return this;
    }

    /**
     * How long the group waits for a silent member (a killed processor) before its partitions go to
     * the others: the classic protocol's {@code session.timeout.ms}, which the broker bounds by
     * {@code group.min/max.session.timeout.ms} (6 s .. 30 min by default); default the client's (45
     * s). With the {@code consumer} protocol the broker's group settings decide instead.
     */
    public Builder sessionTimeout(Duration sessionTimeout) {
      this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
      return this;
    }

    /** Deliveries before an envelope is dead-lettered; default 5. */
    public Builder maxDeliver(int maxDeliver) {
      this.maxDeliver = maxDeliver;
      return this;
    }

    /** Records fetched per client poll; default 500. */
    public Builder maxPollRecords(int maxPollRecords) {
      this.maxPollRecords = maxPollRecords;
      return this;
    }

    /** Bound on publish confirmation, commits and admin calls; default 30 seconds. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** {@code classic} (default) or {@code consumer} (KIP-848, brokers 4.0 and later). */
    public Builder groupProtocol(String groupProtocol) {
      this.groupProtocol = groupProtocol;
      return this;
    }

    /** Whether to create missing topics; default true. */
    public Builder createTopics(boolean createTopics) {
      this.createTopics = createTopics;
      return this;
    }

    /** An extra client property (security, tuning), applied to every client last. */
    public Builder clientProperty(String key, String value) {
      clientProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** Prefix of the clients' {@code client.id}; default {@code ovpo}. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Receives {@code queue_consumer_lag} per group; default no-op. */
    public Builder metrics(MetricsRecorder metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Times ack waits, nack delays and dead letters; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Validates the settings; connects on first use, not here. */
    public KafkaIngestQueue build() {
      return new KafkaIngestQueue(
          new KafkaSettings(
              bootstrapServers,
              topic,
              deadLetterTopic == null ? topic + ".dlq" : deadLetterTopic,
              partitions,
              Optional.ofNullable(replicationFactor),
              keyByTrace,
              retention,
              deadLetterRetention,
              ackWait,
              Optional.ofNullable(sessionTimeout),
              maxDeliver,
              maxPollRecords,
              requestTimeout,
              groupProtocol,
              createTopics,
              clientProperties,
              clientId,
              metrics,
              clock));
    }
  }
}
