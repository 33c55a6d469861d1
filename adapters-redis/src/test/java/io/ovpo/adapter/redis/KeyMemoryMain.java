package io.ovpo.adapter.redis;

import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.IdempotencyStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Measures what a million idempotency and view-cache keys cost in Redis memory ({@code INFO memory}
 * used_memory before and after, then deletes them), for the sizing notes in spec chapters 04 and 05
 * and docs/benchmarks.md; {@link DedupeMemoryMain} does the dedupe keys. Not a test: run it by hand
 * against a Redis of its own, since other clients' writes blur the difference.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) \
 *     io.ovpo.adapter.redis.KeyMemoryMain redis://127.0.0.1:6399 1000000 [prefix]
 * </pre>
 */
public final class KeyMemoryMain {
  private static final Pattern USED = Pattern.compile("(?m)^used_memory:(\\d+)");
  private static final TenantId TENANT = TenantId.of("acme-prod");
  private static final long HOUR_MS = 3_600_000;

  private KeyMemoryMain() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : RedisExtension.url();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    String prefix = args.length > 2 ? args[2] : RedisExtension.uniquePrefix();
    try (RedisClient raw = RedisClient.create(URI.create(url));
        RedisAdapters redis = RedisAdapters.builder().url(url).keyPrefix(prefix).build()) {
      // Through the port: a typical accepted batch's receipt under a client UUID key.
      IdempotencyStore idem = redis.idempotencyStore();
      IngestReceipt receipt =
          new IngestReceipt(UUID.randomUUID().toString(), 202, 500, 0, false, List.of());
      String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
      Instant keep = Instant.now().plus(Duration.ofHours(25));
      measure(
          raw,
          prefix,
          count,
          "idempotency receipt (idem:<tenant>:<uuid>)",
          () ->
              inParallel(
                  count,
                  i -> {
                    String key = UUID.randomUUID().toString();
                    idem.claim(TENANT, key, hash, Instant.now(), Duration.ofSeconds(60));
                    idem.complete(TENANT, key, hash, receipt, keep);
                  }));

      // View-cache keys exactly as RedisTraceViewCache writes them, but pipelined and with long
      // TTLs, so none expires while a million are written (the port caps TTLs at a minute).
      RedisKeys keys = new RedisKeys(prefix);
      measure(
          raw,
          prefix,
          count,
          "view generation only (tv:<tenant>:g:<trace>, left by a lookup)",
          () ->
              pipelined(
                  raw,
                  count,
                  p -> p.psetex(keys.traceGeneration(TENANT, TraceId.random()), HOUR_MS, token())));
      for (int size : new int[] {0, 2_048}) {
        int n = size == 0 ? count : count / 10; // 2 KiB values: a tenth, to spare the machine
        byte[] value = new byte[16 + size]; // the generation token, then the view's bytes
        measure(
            raw,
            prefix,
            n,
            "cached view: generation + entry of 16 + " + size + " bytes",
            () ->
                pipelined(
                    raw,
                    n,
                    p -> {
                      TraceId trace = TraceId.random();
                      p.psetex(keys.traceGeneration(TENANT, trace), HOUR_MS, token());
                      p.psetex(keys.traceView(TENANT, trace, "d20000").getBytes(), HOUR_MS, value);
                    }));
      }
    }
  }

  private static void measure(
      RedisClient raw, String prefix, int count, String kind, Runnable writeAll) {
    deleteKeys(raw, prefix);
    long before = usedMemory(raw);
    writeAll.run();
    long after = usedMemory(raw);
    double each = (after - before) / (double) count;
    System.out.printf(
        "%s: %d, used_memory %d -> %d bytes: %.1f bytes each, %.1f MiB per million%n",
        kind, count, before, after, each, each * 1_000_000 / (1024 * 1024));
    deleteKeys(raw, prefix);
  }

  /** {@code write(i)} for i in 0..count-1 on 8 threads, through the adapters' pool. */
  private static void inParallel(int count, IntConsumer write) {
    int workers = 8;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int first = w;
      Thread t =
          new Thread(
              () -> {
                for (int i = first; i < count; i += workers) {
                  write.accept(i);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code write} {@code count} times through one pipeline, synced every 1,000. */
  private static void pipelined(
      RedisClient raw, int count, java.util.function.Consumer<Pipeline> write) {
    try (Pipeline p = raw.pipelined()) {
      for (int i = 0; i < count; i++) {
        write.accept(p);
        if (i % 1_000 == 999) {
          p.sync();
        }
      }
      p.sync();
    }
  }

  private static String token() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private static void deleteKeys(RedisClient raw, String prefix) {
    ScanParams match = new ScanParams().match(prefix + "*").count(10_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = raw.scan(cursor, match);
      if (!page.getResult().isEmpty()) {
        raw.del(page.getResult().toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
  }

  private static long usedMemory(RedisClient raw) {
    Matcher m = USED.matcher(raw.info("memory"));
    if (!m.find()) {
      throw new IllegalStateException("no used_memory in INFO memory");
    }
    return Long.parseLong(m.group(1));
  }
}
