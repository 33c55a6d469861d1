package io.ovpo.bench;

import io.ovpo.app.collector.CollectorApp;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a collector over HTTP with realistic frame-event batches and reports items/s and p50/p99
 * latency. Loopback only, bounded in time and in requests.
 *
 * <pre>
 * java -cp bench/target/ovpo-bench.jar io.ovpo.bench.LoadHarness [--url=http://127.0.0.1:8080
 *     --key=ovpo_...] [--seconds=20] [--warmup=5] [--concurrency=8] [--traces=10]
 *     [--frames=100] [--rate=0] [--max-requests=100000] [--client=raw|jdk]
 * </pre>
 *
 * Without {@code --url} it starts a collector in this process (in-memory backends, an unlimited
 * tenant) and acks what it queues, as a processor would. {@code --rate=0} is a closed loop (each of
 * {@code concurrency} clients sends its next batch when the last one is answered: the maximum
 * throughput); {@code --rate=N} sends N items/s on a fixed schedule and measures each latency from
 * the request's scheduled start, so a stalled server cannot hide its queueing delay.
 *
 * <p>{@code --client=raw} (the default) sends with {@link RawHttpClient}, a keep-alive HTTP/1.1
 * client that costs little CPU; {@code --client=jdk} uses {@code java.net.http.HttpClient}, which
 * on a 2-core machine takes a large share of the CPU away from the collector. Each phase prints the
 * CPU time spent by the collector's threads, the client's, the drain's and the rest of the JVM.
 */
public final class LoadHarness {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
  private static final Pattern PROCESSED = Pattern.compile("\"processed_items\":(\\d+)");

  private final Map<String, String> args;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<byte[]> bodies = new ArrayList<>();
  private URI target;
  private String key;
  private RawHttpClient raw;
  private double lastSeconds;

  private LoadHarness(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("OVPO_LOG_LEVEL", "WARN"); // no access log line per request
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    new LoadHarness(args).run();
  }

  private int intArg(String name, int def) {
    return Integer.parseInt(args.getOrDefault(name, Integer.toString(def)));
  }

  private void run() throws Exception {
    int traces = intArg("traces", 10);
    int frames = intArg("frames", 100);
    FrameBatches gen = new FrameBatches(7);
    for (int i = 0; i < 32; i++) {
      bodies.add(gen.body(traces, frames));
    }
    AutoCloseable inProcess = args.containsKey("url") ? () -> {} : startCollector();
    if (args.containsKey("url")) {
      target = URI.create(args.get("url")).resolve("/v1/ingest/batch");
      key = args.get("key");
      if (!LOOPBACK.contains(target.getHost()) || key == null) {
        throw new IllegalArgumentException("--url must be a loopback address, with --key");
      }
    }
    if (!"jdk".equals(args.getOrDefault("client", "raw"))) {
      raw =
          new RawHttpClient(
              target,
              Map.of(
                  "Authorization", "Bearer " + key,
                  "Content-Type", "application/json",
                  "X-OVPO-Schema-Version", "0.08"));
    }
    System.out.printf(
        "client: %s; batch: %d frame events (%d traces), %d bytes; cores=%d%n",
        raw == null ? "java.net.http" : "raw HTTP/1.1 keep-alive",
        traces * frames,
        traces,
        bodies.get(0).length,
        Runtime.getRuntime().availableProcessors());
    try (inProcess) {
      phase("warmup", intArg("warmup", 5));
      LatencyStats s = phase("measured", Math.min(intArg("seconds", 20), 120));
      System.out.println("RESULT " + s.summary("measured", lastSeconds));
    }
  }

  private LatencyStats phase(String name, int seconds) throws InterruptedException {
    LatencyStats stats = new LatencyStats();
    int concurrency = intArg("concurrency", 8);
    int rate = intArg("rate", 0);
    int maxRequests = intArg("max-requests", 100_000);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    CpuBreakdown breakdown = new CpuBreakdown();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, breakdown.clientThreads());
    if (rate <= 0) {
      for (int c = 0; c < concurrency; c++) {
        int offset = c;
        pool.execute(
            () -> {
              for (int i = offset; System.nanoTime() < end && stats.requests() < maxRequests; i++) {
                send(bodies.get(i % bodies.size()), System.nanoTime(), stats);
              }
            });
      }
    } else {
      long interval = (long) (1e9 * itemsPerBody() / rate);
      for (long i = 0, next = start; next < end && i < maxRequests; i++, next += interval) {
        LockSupport.parkNanos(next - System.nanoTime());
        long scheduled = next;
        byte[] body = bodies.get((int) (i % bodies.size()));
        pool.execute(() -> send(body, scheduled, stats));
      }
    }
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    lastSeconds = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    System.out.println(stats.summary(name, lastSeconds));
    System.out.printf(
        java.util.Locale.ROOT,
        "%-10s process_cpu=%.1fs (client, server and queue drain together) items_per_cpu_second=%.0f%n",
        name,
        cpu,
        stats.items() / cpu);
    System.out.println(breakdown.summary(name, stats.items()));
    return stats;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private int itemsPerBody() {
    return intArg("traces", 10) * intArg("frames", 100);
  }

  private void send(byte[] body, long scheduledNanos, LatencyStats stats) {
    if (raw != null) {
      try {
        RawHttpClient.Response r = raw.post(body);
        Matcher m = PROCESSED.matcher(r.body());
        long items = r.status() == 202 && m.find() ? Long.parseLong(m.group(1)) : 0;
        stats.record(System.nanoTime() - scheduledNanos, r.status(), items);
      } catch (Exception e) {
        stats.record(System.nanoTime() - scheduledNanos, -1, 0);
      }
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .header("X-OVPO-Schema-Version", "0.08")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = PROCESSED.matcher(r.body());
      long items = r.statusCode() == 202 && m.find() ? Long.parseLong(m.group(1)) : 0;
      stats.record(System.nanoTime() - scheduledNanos, r.statusCode(), items);
    } catch (Exception e) {
      stats.record(System.nanoTime() - scheduledNanos, -1, 0);
    }
  }

  /** A collector in this JVM on a free loopback port, and a thread acking what it queues. */
  private AutoCloseable startCollector() {
    key = "ovpo_benchharness_" + "B".repeat(40);
    Map<String, String> env =
        Map.of(
            "OVPO_PORT", "0",
            "OVPO_BIND_HOST", "127.0.0.1",
            "OVPO_BOOTSTRAP_API_KEY", key,
            "OVPO_BOOTSTRAP_TIER", "unlimited",
            "OVPO_LOG_FORMAT", "text");
    BenchCollectorComponent graph =
        DaggerBenchCollectorComponent.factory().create(OvpoConfig.load(env));
    CollectorApp app = graph.app().start();
    target = URI.create("http://127.0.0.1:" + app.port() + "/v1/ingest/batch");
    QueueConsumer consumer = graph.queue().consumer("ovpo-processor");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread drain =
        new Thread(
            () -> {
              while (running.get()) {
                consumer.poll(1000, Duration.ofMillis(100)).forEach(Delivery::ack);
              }
            },
            "bench-drain");
    drain.setDaemon(true);
    drain.start();
    return () -> {
      running.set(false);
      drain.join(1000);
      consumer.close();
      app.close();
    };
  }
}
