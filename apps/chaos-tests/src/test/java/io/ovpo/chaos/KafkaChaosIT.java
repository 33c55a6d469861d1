package io.ovpo.chaos;

import io.ovpo.adapter.kafka.KafkaBrokerExtension;
import io.ovpo.adapter.kafka.KafkaTestQueue;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos run on Kafka: the in-process KRaft broker of {@link KafkaBrokerExtension}, in this test
 * JVM and reached by the three app processes over TCP, with a topic of this run only.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaChaosIT extends ProcessorChaosScenario {
  private final KafkaTestQueue names = KafkaTestQueue.create();

  @Override
  protected Map<String, String> brokerSettings() {
    return Map.of(
        "OVPO_QUEUE",
        "kafka",
        "OVPO_KAFKA_BOOTSTRAP_SERVERS",
        names.bootstrapServers(),
        "OVPO_KAFKA_TOPIC",
        names.topic(),
        // the group drops a killed processor's members after the 6 s session timeout
        "OVPO_QUEUE_ACK_WAIT_SECONDS",
        "3");
  }

  @Override
  protected String brokerComponent() {
    return "kafka";
  }

  @AfterEach
  void deleteTopics() {
    names.close();
  }
}
