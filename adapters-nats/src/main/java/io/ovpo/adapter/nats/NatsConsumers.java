package io.ovpo.adapter.nats;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;

/**
 * The durable pull consumers behind a consumer group: one per partition subject, so that a
 * partition can be leased to one member at a time (see {@link PartitionLeases}).
 */
final class NatsConsumers {
  private NatsConsumers() {}

  static ConsumerConfiguration config(NatsSettings s, String durable, int partition) {
    return ConsumerConfiguration.builder()
        .durable(NatsSettings.partitionDurable(durable, partition))
        .description("OVPO consumer group " + durable + ", partition " + partition)
        .filterSubject(s.partitionSubject(partition))
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
