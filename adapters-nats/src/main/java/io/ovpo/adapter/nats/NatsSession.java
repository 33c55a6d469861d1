package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;

/** An open connection with the topology in place: what the queue's operations run against. */
final class NatsSession implements AutoCloseable {
  final NatsSettings settings;
  final Connection connection;
  final JetStream js;
  final JetStreamManagement jsm;
  final PayloadStore payloads;
  final LeaseBucket leases;
  final NatsDeadLetters deadLetters;
  private final boolean owned;

  private NatsSession(NatsSettings settings, Connection connection, boolean owned)
      throws IOException {
    JetStreamOptions jso =
        JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build();
    this.settings = settings;
    this.connection = connection;
    this.owned = owned;
    this.js = connection.jetStream(jso);
    this.jsm = connection.jetStreamManagement(jso);
    this.payloads = new PayloadStore(connection, settings);
    this.leases = new LeaseBucket(connection, settings);
    this.deadLetters = new NatsDeadLetters(this);
  }

  /** Connects to {@code settings.url()} and owns that connection. */
  static NatsSession connect(NatsSettings settings)
      throws IOException, InterruptedException, JetStreamApiException {
    Options options =
        new Options.Builder()
            .server(settings.url())
            .connectionName(settings.connectionName())
            .connectionTimeout(settings.requestTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .errorListener(new QuietErrorListener())
            .build();
    Connection connection = Nats.connect(options);
    try {
      return open(settings, connection, true);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Uses a connection the caller owns and will close. */
  static NatsSession open(NatsSettings settings, Connection connection, boolean owned)
      throws IOException, JetStreamApiException {
    NatsSession session = new NatsSession(settings, connection, owned);
    NatsTopology.ensure(session.jsm, settings);
    return session;
  }

  /** The JetStream API subject to request the next messages of a partition's durable consumer. */
  String nextSubject(String durable, int partition) {
    return "$JS.API.CONSUMER.MSG.NEXT."
        + settings.stream()
        + "."
        + NatsSettings.partitionDurable(durable, partition);
  }

  @Override
  public void close() {
    if (!owned) {
      return;
    }
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
