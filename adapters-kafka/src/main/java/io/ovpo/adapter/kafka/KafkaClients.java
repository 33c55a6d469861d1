package io.ovpo.adapter.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Client configurations; the builder's extra properties are applied last and win. */
final class KafkaClients {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private KafkaClients() {}

  static Map<String, Object> producer(KafkaSettings s) {
    Map<String, Object> p = common(s, "producer");
    long delivery = s.requestTimeout().toMillis();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // keeps order when idempotent
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, KafkaSettings.MAX_RECORD_BYTES);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (delivery / 2));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.putAll(s.clientProperties());
    return p;
  }

  /** A member of {@code group}; offsets are committed by the adapter, never automatically. */
  static Map<String, Object> consumer(KafkaSettings s, String group) {
    Map<String, Object> c = reader(s, "consumer");
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, s.groupProtocol());
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.maxPollRecords());
    if (s.groupProtocol().equals("classic")) {
      s.sessionTimeout()
          .ifPresent(
              t -> {
                c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) t.toMillis());
                // the client's rule: heartbeats at most a third of the session timeout apart
                c.put(
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    (int) Math.min(3000, t.toMillis() / 3));
              });
    }
    c.putAll(s.clientProperties());
    return c;
  }

  /** A group-less reader (dead letters). */
  static Map<String, Object> reader(KafkaSettings s, String role) {
    Map<String, Object> c = common(s, role);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, KafkaSettings.MAX_RECORD_BYTES);
    c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) s.requestTimeout().toMillis());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.putAll(s.clientProperties());
    return c;
  }

  static Map<String, Object> admin(KafkaSettings s) {
    Map<String, Object> a = common(s, "admin");
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) s.requestTimeout().toMillis());
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) s.requestTimeout().toMillis());
    a.putAll(s.clientProperties());
    return a;
  }

  private static Map<String, Object> common(KafkaSettings s, String role) {
    Map<String, Object> m = new HashMap<>();
    m.put("bootstrap.servers", s.bootstrapServers());
    m.put("client.id", s.clientId() + "-" + role + "-" + SEQ.incrementAndGet());
    return m;
  }
}
