package io.ovpo.app.common.http;

import io.ovpo.ports.out.MetricsRecorder;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Undertow with OVPO's handler chain: access log and request id → blocking dispatch (so handlers
 * may read bodies and call stores) → error mapping → the app's routes. Graceful shutdown stops
 * accepting requests and waits for those in flight.
 */
public final class OvpoHttpServer implements AutoCloseable {
  /**
   * Largest request body Undertow lets through: the 5 MiB ingest limit plus room for BodyReader.
   */
  static final long MAX_ENTITY_BYTES = 6L * 1024 * 1024;

  private final Undertow undertow;
  private final GracefulShutdownHandler graceful;

  private OvpoHttpServer(Undertow undertow, GracefulShutdownHandler graceful) {
    this.undertow = undertow;
    this.graceful = graceful;
  }

  /** Starts listening; {@code port} 0 picks a free port (see {@link #port()}). */
  public static OvpoHttpServer start(
      String host, int port, HttpHandler routes, ErrorBodyWriter errors, MetricsRecorder metrics) {
    HttpHandler chain =
        new AccessLogHandler(new BlockingHandler(new ErrorMappingHandler(routes, errors)), metrics);
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(chain);
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(port, host)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 64 * 1024)
            .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
            // Undertow's default cuts bodies at 2 MiB; ingest takes 5 MiB, enforced (with 413) by
            // BodyReader. This cap only stops a body far past that limit that nobody reads.
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY_BYTES)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setHandler(graceful)
            .build();
    undertow.start();
    return new OvpoHttpServer(undertow, graceful);
  }

  /** The port actually bound. */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Stops taking requests, waits up to {@code timeout} for those in flight, then stops. */
  public void stop(Duration timeout) {
    graceful.shutdown();
    try {
      graceful.awaitShutdown(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
