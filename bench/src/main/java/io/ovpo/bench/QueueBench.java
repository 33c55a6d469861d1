package io.ovpo.bench;

import io.ovpo.adapter.kafka.KafkaBrokerExtension;
import io.ovpo.adapter.kafka.KafkaTestQueue;
import io.ovpo.adapter.nats.NatsTestQueue;
import io.ovpo.app.collector.CollectorApp;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.processor.ProcessorWorkers;
import io.ovpo.app.processor.WorkerSettings;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.model.Envelope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Envelopes per second and end-to-end lag (the collector's receipt → the processor's commit)
 * through one ingest queue at a fixed offered load: a collector on a loopback port and the
 * processor's workers in this JVM, the queue on a real broker, in-memory stores (so the broker, not
 * a database, is what differs between runs).
 *
 * <pre>
 * java -cp bench/target/ovpo-bench.jar io.ovpo.bench.QueueBench --queue=nats|kafka|memory
 *     [--rate=200] (envelopes/s offered) [--frames=100] (frame events per envelope)
 *     [--seconds=30] [--warmup=15] [--workers=2]
 *     [--nats-url=nats://127.0.0.1:4222] [--kafka=host:port] [--store=memory|postgres]
 *     [--process=stores|none] (none: the workers ack without applying: the queue alone)
 * </pre>
 *
 * Each request is one trace's batch of frame events, so one envelope. Without {@code --kafka} an
 * in-process KRaft broker is started in this JVM. A stream or topic of this run only is created and
 * deleted afterwards. Lags are of the envelopes received during the measured phase, each counted
 * once; the run waits for them to be processed before reporting.
 */
public final class QueueBench {
  private static final String KEY = "ovpo_queuebench_" + "Q".repeat(40);

  private final Map<String, String> args;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Envelope id → lag in ms, for envelopes received after {@link #measureFrom}. */
  private final Map<String, Long> lags = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureTo = Long.MAX_VALUE;

  private QueueBench(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("OVPO_LOG_LEVEL", "WARN");
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    new QueueBench(args).run();
    System.exit(0); // broker and client threads
  }

  private int intArg(String name, int def) {
    return Integer.parseInt(args.getOrDefault(name, Integer.toString(def)));
  }

  private void run() throws Exception {
    String queue = args.getOrDefault("queue", "memory");
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", KEY);
    env.put("OVPO_BOOTSTRAP_TIER", "unlimited");
    env.put("OVPO_LOG_FORMAT", "text");
    env.put("OVPO_QUEUE", queue);
    env.put("OVPO_STORE", args.getOrDefault("store", "memory"));
    if (args.containsKey("pg-url")) {
      env.put("OVPO_PG_URL", args.get("pg-url"));
      env.put("OVPO_PG_USER", args.getOrDefault("pg-user", "postgres"));
    }
    AutoCloseable created = () -> {};
    if (queue.equals("nats")) {
      NatsTestQueue n =
          NatsTestQueue.create(args.getOrDefault("nats-url", "nats://127.0.0.1:4222"));
      env.put("OVPO_NATS_URL", n.url());
      env.put("OVPO_NATS_STREAM", n.stream());
      env.put("OVPO_NATS_SUBJECT_PREFIX", n.subjectPrefix());
      created = n;
    } else if (queue.equals("kafka")) {
      String servers = args.getOrDefault("kafka", "");
      KafkaTestQueue k =
          KafkaTestQueue.create(
              servers.isEmpty() ? KafkaBrokerExtension.bootstrapServers() : servers);
      env.put("OVPO_KAFKA_BOOTSTRAP_SERVERS", k.bootstrapServers());
      env.put("OVPO_KAFKA_TOPIC", k.topic());
      created = k;
    }
    AutoCloseable names = created;
    BenchPipelineComponent graph =
        DaggerBenchPipelineComponent.factory().create(OvpoConfig.load(env));
    CollectorApp collector = graph.collector().start();
    URI target = URI.create("http://127.0.0.1:" + collector.port() + "/v1/ingest/batch");
    // --process=none: ack without applying, so only the queue's own latency remains
    boolean apply = !args.getOrDefault("process", "stores").equals("none");
    ProcessEnvelopeUseCase inner = graph.processor();
    ProcessEnvelopeUseCase timed =
        e -> {
          ProcessingResult r = apply ? inner.process(e) : new ProcessingResult(0, 0, 0, 0);
          record(e);
          return r;
        };
    ProcessorWorkers workers =
        new ProcessorWorkers(
            graph.queue(),
            timed,
            graph.metrics(),
            Clock.systemUTC(),
            WorkerSettings.defaults(intArg("workers", 2)));
    workers.start();
    int rate = intArg("rate", 200);
    int frames = intArg("frames", 100);
    FrameBatches gen = new FrameBatches(11);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      bodies.add(gen.body(1, frames));
    }
    System.out.printf(
        Locale.ROOT,
        "queue=%s rate=%d envelopes/s (%d frame events each, %d bytes) workers=%d process=%s"
            + " cores=%d%n",
        queue,
        rate,
        frames,
        bodies.get(0).length,
        intArg("workers", 2),
        apply ? "stores" : "none",
        Runtime.getRuntime().availableProcessors());
    try (names) {
      send(target, bodies, rate, intArg("warmup", 15), new LatencyStats());
      LatencyStats accept = new LatencyStats();
      measureFrom = System.currentTimeMillis();
      double seconds = send(target, bodies, rate, Math.min(intArg("seconds", 30), 300), accept);
      measureTo = System.currentTimeMillis();
      long sent = accept.requests();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lags.size() < accept.items() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      double drained = (System.currentTimeMillis() - measureFrom) / 1000.0;
      report(queue, rate, seconds, drained, sent, accept);
    } finally {
      workers.drain(Duration.ofSeconds(10));
      collector.close();
      graph.backends().close();
    }
  }

  private void record(Envelope e) {
    long received = e.receivedAt().toEpochMilli();
    if (received >= measureFrom && received <= measureTo) {
      lags.putIfAbsent(e.envelopeId().value(), System.currentTimeMillis() - received);
    }
  }

  /** Sends at {@code rate} requests/s for {@code seconds}; returns the phase's duration. */
  private double send(URI target, List<byte[]> bodies, int rate, int seconds, LatencyStats stats)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long interval = 1_000_000_000L / Math.max(1, rate);
    AtomicLong i = new AtomicLong();
    for (long next = start; next < end; next += interval) {
      LockSupport.parkNanos(next - System.nanoTime());
      byte[] body = bodies.get((int) (i.getAndIncrement() % bodies.size()));
      long scheduled = next;
      pool.execute(() -> post(target, body, scheduled, stats));
    }
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    return (System.nanoTime() - start) / 1e9;
  }

  private void post(URI target, byte[] body, long scheduled, LatencyStats stats) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .header("X-OVPO-Schema-Version", "0.08")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      stats.record(System.nanoTime() - scheduled, r.statusCode(), r.statusCode() == 202 ? 1 : 0);
    } catch (Exception e) {
      stats.record(System.nanoTime() - scheduled, -1, 0);
    }
  }

  private void report(
      String queue, int rate, double seconds, double drained, long sent, LatencyStats accept) {
    long[] sorted = lags.values().stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "RESULT queue=%s offered=%d/s sent=%d accepted=%d measured=%.1fs processed=%d"
            + " envelopes/s=%.1f lag_ms p50=%d p95=%d p99=%d max=%d accept_ms p50=%.1f p99=%.1f"
            + " statuses=%s%n",
        queue,
        rate,
        sent,
        accept.items(),
        seconds,
        sorted.length,
        sorted.length / drained,
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        rank(sorted, 0.99),
        rank(sorted, 1.0),
        accept.percentileMs(0.5),
        accept.percentileMs(0.99),
        accept.statusesText());
  }

  private static long rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[(int) Math.max(0, Math.ceil(p * sorted.length) - 1)];
  }
}
