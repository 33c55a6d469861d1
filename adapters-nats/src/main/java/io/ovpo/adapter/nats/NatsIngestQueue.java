package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamInfo;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.QueueConsumer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingest queue on NATS JetStream.
 *
 * <p>One stream ({@code OVPO_INGEST} by default, file storage) with subjects {@code
 * ovpo.ingest.<p>}, where p is the tenant's partition, and a duplicate window in which a re-publish
 * of the same envelope id ({@code Nats-Msg-Id}) is dropped by the server. A consumer group is one
 * durable pull consumer per partition ({@code <group>_p<p>}, explicit ack and ack-wait), and each
 * partition is leased to one member of the group at a time through the KV bucket {@code
 * <stream>_LEASES}, so a partition key's envelopes are never in the hands of two members at once
 * (the port's per-key order). The attempt is the server's delivery count, and a delivery past
 * {@code maxDeliver} goes to {@code <stream>_DLQ} with the reason. Envelope metadata travels in
 * headers; payloads larger than the server's {@code max_payload} go to the object-store bucket
 * {@code <stream>_PAYLOADS} (a claim check).
 *
 * <p>Nothing connects until the first operation; {@link #close()} closes the connection only when
 * the queue opened it.
 */
public final class NatsIngestQueue implements IngestQueue {
  private final NatsSettings settings;
  private final Optional<Connection> supplied;
  private final Set<NatsQueueConsumer> consumers = ConcurrentHashMap.newKeySet();

  /** Groups whose partition consumers this queue has made sure exist. */
  private final Set<String> groups = ConcurrentHashMap.newKeySet();

  private NatsSession session;
  private boolean closed;

  private NatsIngestQueue(NatsSettings settings, Optional<Connection> supplied) {
    this.settings = settings;
    this.supplied = supplied;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void publish(List<Envelope> envelopes) {
    Objects.requireNonNull(envelopes, "envelopes");
    if (!envelopes.isEmpty()) {
      new NatsPublisher(session()).publish(envelopes);
    }
  }

  @Override
  public QueueConsumer consumer(String group) {
    String durable = NatsSettings.durableName(group);
    NatsSession s = session();
    if (!groups.contains(durable)) {
      try {
        for (int p = 0; p < settings.partitions(); p++) {
          s.jsm.addOrUpdateConsumer(settings.stream(), NatsConsumers.config(settings, durable, p));
        }
      } catch (IOException | JetStreamApiException e) {
        throw unavailable("consumer group " + group + " not created", e);
      }
      groups.add(durable);
    }
    NatsQueueConsumer consumer = new NatsQueueConsumer(s, group, durable, consumers::remove);
    consumers.add(consumer);
    return consumer;
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    try {
      return session().deadLetters.read(max);
    } catch (IOException | JetStreamApiException e) {
      throw unavailable("dead letters unreadable", e);
    }
  }

  /**
   * For the group furthest behind: messages not yet delivered plus delivered but not acked, summed
   * over its partitions. With no group yet, the stream's message count.
   */
  @Override
  public long depth() {
    NatsSession s = session();
    try {
      List<ConsumerInfo> consumers = s.jsm.getConsumers(settings.stream());
      if (consumers.isEmpty()) {
        return s.jsm.getStreamInfo(settings.stream()).getStreamState().getMsgCount();
      }
      Map<String, Long> byGroup = new HashMap<>();
      for (ConsumerInfo c : consumers) {
        String name = c.getName();
        int cut = name.lastIndexOf("_p");
        String group = cut > 0 ? name.substring(0, cut) : name;
        byGroup.merge(group, c.getNumPending() + c.getNumAckPending(), Long::sum);
      }
      return byGroup.values().stream().mapToLong(Long::longValue).max().orElse(0);
    } catch (IOException | JetStreamApiException e) {
      throw unavailable("depth unknown", e);
    }
  }

  @Override
  public HealthStatus check() {
    try {
      StreamInfo info = session().jsm.getStreamInfo(settings.stream());
      return new HealthStatus(
          "nats",
          true,
          "stream " + settings.stream() + ": " + info.getStreamState().getMsgCount() + " messages");
    } catch (Exception e) {
      return HealthStatus.down("nats", String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() {
    NatsSession s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = session;
    }
    for (NatsQueueConsumer c : List.copyOf(consumers)) {
      c.close();
    }
    if (s != null) {
      s.close();
    }
  }

  private synchronized NatsSession session() {
    if (closed) {
      throw new IllegalStateException("queue closed");
    }
    if (session == null) {
      try {
        session =
            supplied.isPresent()
                ? NatsSession.open(settings, supplied.get(), false)
                : NatsSession.connect(settings);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable("interrupted while connecting", e);
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        throw unavailable("cannot open " + settings.url() + ": " + e.getMessage(), e);
      }
    }
    return session;
  }

  private static QueueUnavailableException unavailable(String message, Exception cause) {
    return new QueueUnavailableException("nats", message, cause);
  }

  /** Settings with defaults for one OVPO deployment; every setting has one. */
  public static final class Builder {
    private String url = "nats://127.0.0.1:4222";
    private Connection connection;
    private String stream = "OVPO_INGEST";
    private String subjectPrefix = "ovpo.ingest";
    private int partitions = 16;
    private StorageType storage = StorageType.File;
    private int replicas = 1;
    private Duration duplicateWindow = Duration.ofMinutes(5);
    private Duration maxAge = Duration.ofDays(7);
    private Duration deadLetterMaxAge = Duration.ofDays(14);
    private Duration ackWait = Duration.ofSeconds(30);
    private int maxDeliver = 5;
    private int maxAckPending = 1000;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private String connectionName = "ovpo";
    private MetricsRecorder metrics = MetricsRecorder.noop();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Server URL(s), comma-separated; default {@code nats://127.0.0.1:4222}. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Use this connection instead of opening one; the queue never closes it. */
    public Builder connection(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /** Stream name; default {@code OVPO_INGEST}. Dead letters go to {@code <stream>_DLQ}. */
    public Builder stream(String stream) {
      this.stream = stream;
      return this;
    }

    /** Subjects are {@code <prefix>.<partition>}; default {@code ovpo.ingest}. */
    public Builder subjectPrefix(String subjectPrefix) {
      this.subjectPrefix = subjectPrefix;
      return this;
    }

    /** Number of tenant partitions (subjects); default 16. Fixed for the life of the stream. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** Default {@link StorageType#File}. */
    public Builder storage(StorageType storage) {
      this.storage = storage;
      return this;
    }

    /** Stream replicas in a cluster; default 1. */
    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** Window in which a re-publish of an envelope id is dropped; default 5 minutes. */
    public Builder duplicateWindow(Duration duplicateWindow) {
      this.duplicateWindow = duplicateWindow;
      return this;
    }

    /** How long envelopes stay in the stream, acked or not; default 7 days. */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    /** How long dead letters stay; default 14 days. */
    public Builder deadLetterMaxAge(Duration deadLetterMaxAge) {
      this.deadLetterMaxAge = deadLetterMaxAge;
      return this;
    }

    /**
     * An un-acked delivery is redelivered after this; default 30 seconds. Also sets how long a
     * member that stopped polling keeps its partitions: this plus two heartbeats (a third of it, at
     * most 5 s each).
     */
    public Builder ackWait(Duration ackWait) {
      this.ackWait = ackWait;
      return this;
    }

    /** Deliveries before an envelope is dead-lettered; default 5. */
    public Builder maxDeliver(int maxDeliver) {
      this.maxDeliver = maxDeliver;
      return this;
    }

    /** Delivered-but-unacked messages per partition before the server stops delivering; 1000. */
    public Builder maxAckPending(int maxAckPending) {
      this.maxAckPending = maxAckPending;
      return this;
    }

    /** Bound on connecting, publish confirmations and API calls; default 10 seconds. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Shown in the server's connection list; default {@code ovpo}. */
    public Builder connectionName(String connectionName) {
      this.connectionName = connectionName;
      return this;
    }

    /** Receives {@code queue_consumer_lag} per group; default no-op. */
    public Builder metrics(MetricsRecorder metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Stamps dead letters; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Validates the settings; connects on first use, not here. */
    public NatsIngestQueue build() {
      return new NatsIngestQueue(
          new NatsSettings(
              url,
              stream,
              subjectPrefix,
              partitions,
              storage,
              replicas,
              duplicateWindow,
              maxAge,
              deadLetterMaxAge,
              ackWait,
              maxDeliver,
              maxAckPending,
              requestTimeout,
              connectionName,
              metrics,
              clock),
          Optional.ofNullable(connection));
    }
  }
}
