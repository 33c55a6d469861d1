package io.ovpo.adapter.redis;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Measures what a million dedupe keys cost in Redis memory ({@code INFO memory} used_memory before
 * and after), for the sizing note in spec chapter 04. Not a test: run it by hand against a Redis of
 * its own, since other clients' writes would blur the difference. It writes under a fresh prefix
 * and deletes exactly that prefix afterwards.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) \
 *     io.ovpo.adapter.redis.DedupeMemoryMain redis://127.0.0.1:6399 1000000 [prefix]
 * </pre>
 */
public final class DedupeMemoryMain {
  private static final Pattern USED = Pattern.compile("(?m)^used_memory:(\\d+)");

  private DedupeMemoryMain() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : RedisExtension.url();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    // a fresh prefix by default; pass the production "ovpo:" only against a private Redis
    String prefix = args.length > 2 ? args[2] : RedisExtension.uniquePrefix();
    TenantId tenant = TenantId.of("acme-prod");
    Random random = new Random(42);
    // the processor's key shapes: e:<event_id> for frame events, s:<span_id>:<sha256> for spans
    measure(url, prefix, count, "frame event (e:<uuid>)", tenant, () -> "e:" + UUID.randomUUID());
    measure(
        url,
        prefix,
        count,
        "span/trace (s:<uuid>:<sha256>)",
        tenant,
        () -> "s:" + UUID.randomUUID() + ":" + hex64(random));
  }

  private static void measure(
      String url,
      String prefix,
      int count,
      String kind,
      TenantId tenant,
      java.util.function.Supplier<String> key) {
    try (RedisClient raw = RedisClient.create(URI.create(url));
        RedisAdapters redis = RedisAdapters.builder().url(url).keyPrefix(prefix).build()) {
      DedupeStore dedupe = redis.dedupeStore();
      long before = usedMemory(raw);
      Instant expiresAt = Instant.now().plus(Duration.ofHours(25));
      List<String> batch = new ArrayList<>(10_000);
      for (int i = 0; i < count; i++) {
        batch.add(key.get());
        if (batch.size() == 10_000 || i == count - 1) {
          dedupe.remember(tenant, batch, expiresAt);
          batch.clear();
        }
      }
      long after = usedMemory(raw);
      long added = count;
      double perKey = (after - before) / (double) added;
      System.out.printf(
          "%s: %d keys, used_memory %d -> %d bytes: %.1f bytes/key, %.1f MiB per million keys%n",
          kind + " under " + prefix,
          added,
          before,
          after,
          perKey,
          perKey * 1_000_000 / (1024 * 1024));
      deleteKeys(raw, prefix);
    }
  }

  private static void deleteKeys(RedisClient raw, String prefix) {
    ScanParams match = new ScanParams().match(prefix + "*").count(10_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = raw.scan(cursor, match);
      if (!page.getResult().isEmpty()) {
        raw.unlink(page.getResult().toArray(String[]::new));
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

  private static String hex64(Random random) {
    StringBuilder s = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      s.append(String.format("%016x", random.nextLong()));
    }
    return s.toString();
  }
}
