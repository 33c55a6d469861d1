package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;

/**
 * Claim check for payloads larger than the server's {@code max_payload} (1 MiB by default, while an
 * envelope may hold 10 MiB): the payload goes to a JetStream object-store bucket under the envelope
 * id and the queue message carries only the reference. Objects expire with the bucket's TTL, the
 * longer of the two streams' retention, so a dead letter keeps its payload.
 */
final class PayloadStore {
  /** Room left in a message for the headers. */
  static final int HEADER_ROOM = 8 * 1024;

  private final Connection connection;
  private final NatsSettings settings;
  private volatile ObjectStore store;

  PayloadStore(Connection connection, NatsSettings settings) {
    this.connection = connection;
    this.settings = settings;
  }

  /** Whether a payload of this size must go to the bucket. */
  boolean needsClaimCheck(int payloadBytes) {
    return payloadBytes + HEADER_ROOM > connection.getServerInfo().getMaxPayload();
  }

  void put(String name, byte[] payload) throws IOException, JetStreamApiException {
    try {
      store().put(name, payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The payload, or empty when the object is gone (expired or never written). */
  Optional<byte[]> get(String name) throws IOException, JetStreamApiException {
    ObjectStore os = store();
    ObjectInfo info = os.getInfo(name);
    if (info == null || info.isDeleted()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(info.getSize(), 1 << 24));
    try {
      os.get(name, out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading payload " + name, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    return Optional.of(out.toByteArray());
  }

  private ObjectStore store() throws IOException, JetStreamApiException {
    ObjectStore os = store;
    if (os == null) {
      synchronized (this) {
        if (store == null) {
          store = openOrCreate();
        }
        os = store;
      }
    }
    return os;
  }

  private ObjectStore openOrCreate() throws IOException, JetStreamApiException {
    String bucket = settings.payloadBucket();
    try {
      connection.objectStoreManagement().getStatus(bucket);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != NatsTopology.STREAM_NOT_FOUND) {
        throw e;
      }
      try {
        connection
            .objectStoreManagement()
            .create(
                ObjectStoreConfiguration.builder(bucket)
                    .description("OVPO envelope payloads larger than one NATS message")
                    .storageType(settings.storage())
                    .replicas(settings.replicas())
                    .ttl(max(settings.maxAge(), settings.deadLetterMaxAge()))
                    .build());
      } catch (JetStreamApiException raced) {
        if (raced.getApiErrorCode() != NatsTopology.STREAM_NAME_IN_USE) {
          throw raced;
        }
      }
    }
    return connection.objectStore(bucket);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
