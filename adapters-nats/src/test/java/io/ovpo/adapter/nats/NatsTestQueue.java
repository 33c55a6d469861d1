package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * A stream name and subject prefix no other test run uses, on the test server, for building queues
 * in tests (contract, chaos, benchmarks); {@link #close()} deletes the stream, its dead-letter
 * stream, its payload bucket and its lease bucket.
 *
 * <pre>{@code
 * try (NatsTestQueue names = NatsTestQueue.create();
 *     NatsIngestQueue queue = names.builder().ackWait(Duration.ofSeconds(2)).build()) { ... }
 * }</pre>
 */
@SuppressWarnings("try") // jnats Connection.close() declares InterruptedException
public final class NatsTestQueue implements AutoCloseable {
  private final String url;
  private final String id;

  private NatsTestQueue(String url, String id) {
    this.url = url;
    this.id = id;
  }

  /** Names on the server {@link NatsServerExtension} found or started. */
  public static NatsTestQueue create() {
    return create(NatsServerExtension.url());
  }

  public static NatsTestQueue create(String url) {
    String id =
        UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    return new NatsTestQueue(url, id);
  }

  public String url() {
    return url;
  }

  public String stream() {
    return "OVPO_IT_" + id;
  }

  public String subjectPrefix() {
    return "ovpo.it." + id;
  }

  /** A builder on these names, with memory-light test defaults (file storage, short windows). */
  public NatsIngestQueue.Builder builder() {
    return NatsIngestQueue.builder().url(url).stream(stream())
        .subjectPrefix(subjectPrefix())
        .partitions(4)
        .duplicateWindow(Duration.ofMinutes(2))
        .maxAge(Duration.ofHours(1))
        .deadLetterMaxAge(Duration.ofHours(1))
        .requestTimeout(Duration.ofSeconds(10))
        .connectionName("ovpo-it");
  }

  /** Deletes what queues built from {@link #builder()} created; best effort. */
  @Override
  public void close() {
    try (Connection c = Nats.connect(url)) {
      JetStreamManagement jsm = c.jetStreamManagement();
      for (String stream : new String[] {stream(), stream() + "_DLQ"}) {
        deleteQuietly(jsm, stream);
      }
      try {
        c.objectStoreManagement().delete(stream() + "_PAYLOADS");
      } catch (JetStreamApiException notCreated) {
        // no large payload in this run
      }
      try {
        c.keyValueManagement().delete(stream() + "_LEASES");
      } catch (JetStreamApiException notCreated) {
        // no consumer group in this run
      }
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } catch (Exception e) {
      // cleanup only
    }
  }

  private static void deleteQuietly(JetStreamManagement jsm, String stream) throws IOException {
    try {
      jsm.deleteStream(stream);
    } catch (JetStreamApiException notThere) {
      // never created
    }
  }
}
