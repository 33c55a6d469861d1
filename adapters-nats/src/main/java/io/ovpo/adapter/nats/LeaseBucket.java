package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;

/**
 * The KV bucket {@code <stream>_LEASES} of the consumer groups' partition leases, created on first
 * use. Leases are ephemeral by nature, so the bucket lives in memory; its TTL is the lease TTL of
 * the queue that created it, and every queue of the deployment then renews within that TTL.
 */
final class LeaseBucket {
  private final Connection connection;
  private final NatsSettings settings;
  private KeyValue bucket;
  private Duration ttl;
  private Duration heartbeat;

  LeaseBucket(Connection connection, NatsSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  synchronized KeyValue open() throws IOException, JetStreamApiException {
    if (bucket == null) {
      ttl = openOrCreate().getTtl();
      Duration quarter = ttl.dividedBy(4);
      // a bucket created with a shorter TTL than ours: renew often enough for it
      heartbeat = quarter.compareTo(settings.heartbeat()) < 0 ? quarter : settings.heartbeat();
      bucket = connection.keyValue(settings.leaseBucket());
    }
    return bucket;
  }

  /** How often a member renews, fitted to the bucket's TTL; valid after {@link #open()}. */
  synchronized Duration heartbeat() {
    return heartbeat;
  }

  /**
   * How long after its last renewal a member still trusts its leases: the TTL less one heartbeat,
   * so it stops pulling before another member can take over; valid after {@link #open()}.
   */
  synchronized Duration trusted() {
    return ttl.minus(heartbeat);
  }

  private KeyValueStatus openOrCreate() throws IOException, JetStreamApiException {
    String name = settings.leaseBucket();
    try {
      return connection.keyValueManagement().getStatus(name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != NatsTopology.STREAM_NOT_FOUND) {
        throw e;
      }
    }
    try {
      return connection
          .keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name(name)
                  .description("OVPO consumer groups: members and partition leases")
                  .storageType(StorageType.Memory)
                  .replicas(settings.replicas())
                  .maxHistoryPerKey(1)
                  .ttl(settings.leaseTtl())
                  .build());
    } catch (JetStreamApiException raced) {
      if (raced.getApiErrorCode() != NatsTopology.STREAM_NAME_IN_USE) {
        throw raced;
      }
      return connection.keyValueManagement().getStatus(name);
    }
  }
}
