package io.ovpo.chaos;

import io.ovpo.adapter.nats.NatsServerExtension;
import io.ovpo.adapter.nats.NatsTestQueue;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos run on NATS JetStream: the server of {@link NatsServerExtension} (found or started), a
 * stream and subjects of this run only, deleted afterwards.
 */
@ExtendWith(NatsServerExtension.class)
class NatsChaosIT extends ProcessorChaosScenario {
  private final NatsTestQueue names = NatsTestQueue.create();

  @Override
  protected Map<String, String> brokerSettings() {
    return Map.of(
        "OVPO_QUEUE", "nats",
        "OVPO_NATS_URL", names.url(),
        "OVPO_NATS_STREAM", names.stream(),
        "OVPO_NATS_SUBJECT_PREFIX", names.subjectPrefix(),
        // a killed processor's partitions move after 3 s + 2 heartbeats of 1 s
        "OVPO_QUEUE_ACK_WAIT_SECONDS", "3");
  }

  @Override
  protected String brokerComponent() {
    return "nats";
  }

  @AfterEach
  void deleteStreams() {
    names.close();
  }
}
