package io.ovpo.app.server;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.app.processor.ProcessorWorkers;
import io.ovpo.app.processor.ReconcileScheduler;
import io.ovpo.app.processor.RetentionScheduler;
import io.ovpo.examples.demo.Scenario;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one OVPO: collector, processor and query API in one process, on one port. {@link
 * #bootstrap} provisions the bootstrap tenant and key, {@link #start} starts the processor workers,
 * the reconciliation timer and the HTTP server, and {@link #close} shuts down gracefully: no new
 * requests, the requests in flight finish, the queue is drained into the stores, the last
 * reconciliation runs, then the backends close.
 */
@Singleton
public final class OvpoServer implements AutoCloseable {
  static final Duration HTTP_GRACE = Duration.ofSeconds(10);
  static final Duration QUEUE_DRAIN = Duration.ofSeconds(20);
  static final Duration WORKER_DRAIN = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(OvpoServer.class);

  private final OvpoConfig config;
  private final ServerRoutes routes;
  private final ProcessorWorkers workers;
  private final ReconcileScheduler reconciler;
  private final RetentionScheduler retention;
  private final BootstrapUseCase bootstrap;
  private final IngestQueue queue;
  private final ErrorBodyWriter errors;
  private final MetricsRecorder metrics;
  private final Backends backends;
  private final Clock clock;
  private OvpoHttpServer http;
  private List<Route> table = List.of();
  private boolean closed;

  @Inject
  OvpoServer(
      OvpoConfig config,
      ServerRoutes routes,
      ProcessorWorkers workers,
      ReconcileScheduler reconciler,
      RetentionScheduler retention,
      BootstrapUseCase bootstrap,
      IngestQueue queue,
      ErrorBodyWriter errors,
      MetricsRecorder metrics,
      Backends backends,
      Clock clock) {
    this.config = config;
    this.routes = routes;
    this.workers = workers;
    this.reconciler = reconciler;
    this.retention = retention;
    this.bootstrap = bootstrap;
    this.queue = queue;
    this.errors = errors;
    this.metrics = metrics;
    this.backends = backends;
    this.clock = clock;
  }

  /**
   * Makes sure the bootstrap tenant exists with a super_admin key (spec 06 §7): the key of {@code
   * OVPO_BOOTSTRAP_API_KEY} when set, else a generated one when the tenant has no active
   * super_admin key yet.
   *
   * @return the generated key, when one was generated: print it once, never log it
   * @throws IllegalArgumentException or IllegalStateException when the configured key is malformed
   *     or clashes with a stored one (the server must not start then)
   */
  public Optional<String> bootstrap() {
    return bootstrap.ensure(
        TenantId.of(config.string(Setting.BOOTSTRAP_TENANT)),
        config.optional(Setting.BOOTSTRAP_API_KEY),
        config.string(Setting.BOOTSTRAP_TIER));
  }

  /** Starts processing and listening; a second call does nothing. */
  public synchronized OvpoServer start() {
    if (closed) {
      throw new IllegalStateException("the server was closed");
    }
    if (http != null) {
      return this;
    }
    workers.start();
    reconciler.start();
    retention.start();
    RecordingRouting routing = routes.build();
    table = routing.routes();
    http =
        OvpoHttpServer.start(
            config.string(Setting.BIND_HOST), config.port(), routing, errors, metrics);
    LOG.info("ovpo server listening on port {} with {} routes", http.port(), table.size());
    return this;
  }

  /** The port listened on ({@code OVPO_PORT=0} picks a free one). */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.port();
  }

  /**
   * The URL this process reaches itself at: the bind address, or the loopback address when bound to
   * every interface.
   */
  public String localUrl() {
    String host = config.string(Setting.BIND_HOST);
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Whether {@code --demo} or {@code OVPO_DEMO=true} asked for the demo data. */
  public boolean demoRequested() {
    return config.bool(Setting.DEMO);
  }

  /**
   * Runs the demo pipeline against this server's ingest endpoint, in the background, with the key
   * of {@code OVPO_BOOTSTRAP_API_KEY} or else the key {@link #bootstrap} generated this run.
   *
   * @return empty when there is no such key (a persistent store already had a super_admin key, so
   *     none was generated, and none is configured)
   */
  public Optional<CompletableFuture<Map<String, Scenario>>> startDemo(
      Optional<String> generatedKey) {
    Optional<String> key = config.optional(Setting.BOOTSTRAP_API_KEY).or(() -> generatedKey);
    return key.map(k -> DemoRunner.start(localUrl(), k, clock));
  }

  /** Every registered route (empty before {@link #start}). */
  public synchronized List<Route> routes() {
    return table;
  }

  /**
   * Graceful shutdown, each step bounded: stop taking requests and let those in flight finish; with
   * the in-memory queue, let the workers empty it (what was acknowledged with 202 reaches the
   * stores); stop the workers, which settle what they hold; run one last reconciliation so verdicts
   * and compute units are written; close the backends. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      http.stop(HTTP_GRACE);
      http = null;
    }
    // A broker keeps what is left for the next start; the in-memory queue would lose it.
    boolean drained = !config.queue().equals("memory") || QueueDrain.await(queue, QUEUE_DRAIN);
    boolean finished = workers.drain(WORKER_DRAIN);
    retention.close();
    int reconciled = reconciler.runOnce();
    reconciler.close();
    backends.close();
    LOG.info(
        "ovpo server stopped (queue drained: {}, workers finished: {}, traces reconciled: {})",
        drained,
        finished,
        reconciled);
  }
}
