package io.ovpo.adapter.nats;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;

/** The durable pull consumer behind a consumer group. */
final class NatsConsumers {
  private NatsConsumers() {}

  static ConsumerConfiguration config(NatsSettings s, String durable) {
    return ConsumerConfiguration.builder()
        .durable(durable)
        .description("OVPO consumer group")
        .filterSubject(s.subjectFilter())
        .deliverPolicy(DeliverPolicy.All)
        .replayPolicy(ReplayPolicy.Instant)
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(s.ackWait())
        // unlimited on the server: the consumer dead-letters past maxDeliver itself, so a
        // message is never left undeliverable when the last delivery's consumer dies
        .maxDeliver(-1)
        .maxAckPending(s.maxAckPending())
        .build();
  }
}
