package io.ovpo.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.IngestQueueContract;
import io.ovpo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest-queue contract and Kafka-specific behaviour against a real in-process broker. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaIngestQueueIT {
  private static final Duration ACK_WAIT = Duration.ofSeconds(30);
  private static final int MAX_DELIVER = 3;

  @Nested
  class Contract extends IngestQueueContract<KafkaIngestQueue> {
    private KafkaTestQueue names;

    @Override
    protected KafkaIngestQueue newQueue(MutableClock clock) {
      names = KafkaTestQueue.create();
      // ack wait and nack delays are the consumer's, on the injected clock: no sleeping
      return names.builder().ackWait(ACK_WAIT).maxDeliver(MAX_DELIVER).clock(clock).build();
    }

    @Override
    protected void closeStore(KafkaIngestQueue queue) {
      queue.close();
      names.close();
    }

    @Override
    protected int maxDeliveries() {
      return MAX_DELIVER;
    }

    @Override
    protected Duration ackTimeout() {
      return ACK_WAIT;
    }
  }

  private final List<QueueConsumer> consumers = new ArrayList<>();
  private KafkaTestQueue names;
  private KafkaIngestQueue queue;
  private Fixtures fx;

  @BeforeEach
  void open(TestInfo info) {
    fx = Fixtures.forTest(info.getDisplayName());
    names = KafkaTestQueue.create();
    queue = names.builder().ackWait(ACK_WAIT).maxDeliver(MAX_DELIVER).build();
  }

  @AfterEach
  void closeAll() {
    consumers.forEach(QueueConsumer::close);
    queue.close();
    names.close();
  }

  @Test
  void consumerThatDies_theNextOwnerContinuesTheDeliveryCount() {
    List<Envelope> published = List.of(fx.envelope(fx.tenant()));
    queue.publish(published);
    // stops polling like a hung or killed process: the group evicts it after max.poll.interval
    KafkaIngestQueue dying = names.builder().clientProperty("max.poll.interval.ms", "1000").build();
    try {
      QueueConsumer doomed = dying.consumer("g");
      assertThat(receive(doomed, 1).get(0).envelope().attempt()).isEqualTo(1);
      Delivery again = receive(consumer("g"), 1).get(0);
      assertThat(again.envelope()).isEqualTo(published.get(0).withAttempt(2));
      again.ack();
    } finally {
      dying.close();
    }
  }

  @Test
  void restartedConsumer_resumesAtTheFirstUnackedOffset() {
    TenantId tenant = fx.tenant(); // one key: one partition, offsets in publish order
    List<Envelope> published = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      published.add(fx.envelope(tenant));
    }
    queue.publish(published);
    QueueConsumer before = queue.consumer("g");
    List<Delivery> first = receive(before, 5);
    first.get(0).ack();
    first.get(1).ack();
    first.get(3).ack();
    before.close();
    List<Delivery> after = receive(consumer("g"), 3);
    after.forEach(Delivery::ack);
    // only the contiguous acked prefix is committed: #3 comes again, as a first delivery
    assertThat(after)
        .extracting(Delivery::envelope)
        .containsExactly(
            published.get(2).withAttempt(2),
            published.get(3).withAttempt(1),
            published.get(4).withAttempt(2));
  }

  @Test
  void unackedDelivery_withAShortAckWait_isRedeliveredByTheSameConsumer() {
    try (KafkaIngestQueue quick = names.builder().ackWait(Duration.ofMillis(500)).build()) {
      Envelope e = fx.envelope(fx.tenant());
      quick.publish(List.of(e));
      QueueConsumer c = quick.consumer("g");
      receive(c, 1); // not acked
      Delivery again = receive(c, 1).get(0);
      assertThat(again.envelope()).isEqualTo(e.withAttempt(2));
      again.ack();
    }
  }

  @Test
  void records_areKeyedByTenant_withTheMetadataInHeaders() {
    TenantId t1 = fx.tenant();
    TenantId t2 = fx.tenant();
    List<Envelope> published = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      published.add(fx.envelope(t1));
      published.add(fx.envelope(t2));
    }
    queue.publish(published);
    List<ConsumerRecord<byte[], byte[]>> records = readTopic(names.topic(), 6);
    Map<String, Set<Integer>> partitionsByKey =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> new String(r.key(), StandardCharsets.UTF_8),
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
    assertThat(partitionsByKey).containsOnlyKeys(t1.value(), t2.value());
    assertThat(partitionsByKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
    ConsumerRecord<byte[], byte[]> r = records.get(0);
    Envelope e =
        published.stream()
            .filter(x -> x.envelopeId().value().equals(header(r, "ovpo-envelope-id")))
            .findFirst()
            .orElseThrow();
    assertThat(r.value()).isEqualTo(e.payload());
    assertThat(header(r, "ovpo-tenant-id")).isEqualTo(e.tenantId().value());
    assertThat(header(r, "ovpo-partition-key")).isEqualTo(e.partitionKey());
    assertThat(header(r, "ovpo-content-hash")).isEqualTo(e.contentHash());
    assertThat(header(r, "ovpo-message-type")).isEqualTo(e.messageType().wire());
  }

  @Test
  void keyByTrace_keysRecordsByThePartitionKey() {
    try (KafkaIngestQueue byTrace = names.builder().keyByTrace(true).build()) {
      Envelope e = fx.envelope(fx.tenant());
      byTrace.publish(List.of(e));
      ConsumerRecord<byte[], byte[]> r = readTopic(names.topic(), 1).get(0);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.partitionKey());
    }
  }

  @Test
  void recordThatIsNoEnvelope_isDeadLetteredWithTheReason_andNotHandedOut() {
    QueueConsumer c = consumer("g");
    queue.depth(); // creates the topics
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", names.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(names.topic(), "garbage".getBytes(StandardCharsets.UTF_8)));
    }
    List<Delivery> handedOut = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (endOffset(names.topic() + ".dlq") == 0 && System.nanoTime() < deadline) {
      handedOut.addAll(c.poll(10, Duration.ofMillis(300)));
    }
    assertThat(handedOut).isEmpty();
    ConsumerRecord<byte[], byte[]> dead = readTopic(names.topic() + ".dlq", 1).get(0);
    assertThat(header(dead, "ovpo-dead-letter-reason"))
        .startsWith("unreadable envelope: missing header");
    assertThat(dead.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
    assertThat(queue.deadLetters(10)).isEmpty(); // not an envelope: for an operator's tools
  }

  @Test
  void depth_isTheLagOfTheGroupFurthestBehind() {
    queue.publish(List.of(fx.envelope(fx.tenant()), fx.envelope(fx.tenant())));
    receive(consumer("fast"), 2).forEach(Delivery::ack);
    receive(consumer("slow"), 1); // holds the first offset: commits nothing past it
    assertThat(queue.depth()).isEqualTo(2);
  }

  @Test
  void unreachableBroker_checkReportsDown_andPublishFailsWithQueueUnavailable() {
    try (KafkaIngestQueue down =
        KafkaIngestQueue.builder()
            .bootstrapServers("127.0.0.1:1")
            .requestTimeout(Duration.ofSeconds(1))
            .build()) {
      HealthStatus health = down.check();
      assertThat(health.up()).isFalse();
      assertThat(health.component()).isEqualTo("kafka");
      assertThatThrownBy(() -> down.publish(List.of(fx.envelope(fx.tenant()))))
          .isInstanceOf(QueueUnavailableException.class);
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readTopic(String topic, int n) {
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", names.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          reader.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      reader.assign(tps);
      reader.seekToBeginning(tps);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (out.size() < n && System.nanoTime() < deadline) {
        reader.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      assertThat(out).hasSize(n);
      return out;
    }
  }

  private long endOffset(String topic) {
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", names.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      return reader.endOffsets(List.of(tp)).get(tp);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private QueueConsumer consumer(String group) {
    QueueConsumer c = queue.consumer(group);
    consumers.add(c);
    return c;
  }

  private static List<Delivery> receive(QueueConsumer c, int n) {
    List<Delivery> got = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      got.addAll(c.poll(n - got.size(), Duration.ofMillis(500)));
    }
    assertThat(got).hasSize(n);
    return got;
  }
}
