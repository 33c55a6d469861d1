package io.ovpo.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.testkit.Concurrently;
import io.ovpo.testkit.DedupeStoreContract;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.IdempotencyStoreContract;
import io.ovpo.testkit.MutableClock;
import io.ovpo.testkit.RateLimiterContract;
import io.ovpo.testkit.TraceViewCacheContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** The four port contracts and Redis-specific guarantees against a real Redis. */
@ExtendWith(RedisExtension.class)
class RedisAdaptersIT {
  /** This run's keys; deleted after the run. */
  private static final String PREFIX = RedisExtension.uniquePrefix();

  private static final Duration VIEW_TTL = Duration.ofSeconds(30);
  private static final RateTier SLOW = new RateTier("slow", 50, Duration.ofMinutes(10), false);

  @AfterAll
  static void deleteThisRunsKeys() {
    RedisExtension.deleteKeys(PREFIX);
  }

  static RedisAdapters adapters(Clock clock) {
    return RedisAdapters.builder()
        .url(RedisExtension.url())
        .keyPrefix(PREFIX)
        .poolSize(20)
        .clock(clock)
        .build();
  }

  @Nested
  class RateLimits extends RateLimiterContract<RateLimiter> {
    private RedisAdapters redis;

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
      redis = adapters(clock);
      return redis.rateLimiter();
    }

    @Override
    protected void closeStore(RateLimiter store) {
      redis.close();
    }

    @Override
    protected boolean usesBackendClock() {
      return true; // buckets refill by Redis's TIME
    }
  }

  @Nested
  class Idempotency extends IdempotencyStoreContract<IdempotencyStore> {
    private RedisAdapters redis;

    @Override
    protected IdempotencyStore newStore() {
      redis = adapters(clock);
      return redis.idempotencyStore();
    }

    @Override
    protected void closeStore(IdempotencyStore store) {
      redis.close();
    }

    @Override
    protected boolean usesBackendClock() {
      return true; // lock and receipt TTLs run on Redis
    }
  }

  @Nested
  class Dedupe extends DedupeStoreContract<DedupeStore> {
    private RedisAdapters redis;

    @Override
    protected DedupeStore newStore() {
      redis = adapters(clock);
      return redis.dedupeStore();
    }

    @Override
    protected void closeStore(DedupeStore store) {
      redis.close();
    }

    @Override
    protected boolean usesBackendClock() {
      return true; // key TTLs run on Redis
    }
  }

  @Nested
  class ViewCache extends TraceViewCacheContract<TraceViewCache> {
    private RedisAdapters redis;

    @Override
    protected TraceViewCache newStore() {
      redis = adapters(clock);
      return redis.traceViewCache();
    }

    @Override
    protected void closeStore(TraceViewCache store) {
      redis.close();
    }

    @Override
    protected boolean usesBackendClock() {
      return true; // entry TTLs run on Redis
    }
  }

  // ---- Redis-specific ----

  private Fixtures fx;
  private RedisAdapters first;
  private RedisAdapters second;

  @BeforeEach
  void open(TestInfo info) {
    fx = Fixtures.forTest(info.getDisplayName());
    first = adapters(Clock.systemUTC());
    // Another collector whose clock is an hour off: the limit still holds, Redis keeps time.
    second = adapters(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
  }

  @AfterEach
  void closeAll() {
    first.close();
    second.close();
  }

  @Test
  void twoCollectors_shareOneLimit() {
    TenantId tenant = fx.tenant();
    List<RateLimiter> collectors = List.of(first.rateLimiter(), second.rateLimiter());
    List<Integer> allowed =
        Concurrently.run(
            8,
            i -> {
              int n = 0;
              for (int k = 0; k < 20; k++) {
                if (collectors.get(i % 2).acquire(tenant, "ingest", SLOW).allowed()) {
                  n++;
                }
              }
              return n;
            });
    assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    RateDecision refused = first.rateLimiter().acquire(tenant, "ingest", SLOW);
    assertThat(refused.allowed()).isFalse();
    assertThat(second.rateLimiter().acquire(tenant, "ingest", SLOW).allowed()).isFalse();
  }

  @Test
  void twoCollectors_seeEachOthersRemainingTokens() {
    TenantId tenant = fx.tenant();
    assertThat(first.rateLimiter().acquire(tenant, "ingest", SLOW).remaining()).isEqualTo(49);
    assertThat(second.rateLimiter().acquire(tenant, "ingest", SLOW).remaining()).isEqualTo(48);
    assertThat(first.rateLimiter().acquire(tenant, "ingest", SLOW).remaining()).isEqualTo(47);
  }

  @Test
  void twoCollectors_concurrentDuplicates_exactlyOneClaims() {
    TenantId tenant = fx.tenant();
    List<IdempotencyStore> collectors =
        List.of(first.idempotencyStore(), second.idempotencyStore());
    List<IdempotencyClaim> claims =
        Concurrently.run(
            12,
            i ->
                collectors
                    .get(i % 2)
                    .claim(tenant, "batch-1", "hash-a", Instant.now(), Duration.ofSeconds(60)));
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.Acquired).hasSize(1);
    assertThat(claims).filteredOn(c -> c instanceof IdempotencyClaim.InProgress).hasSize(11);
  }

  @Test
  void storedReceipt_isKeptForTheRequestedRetention() {
    TenantId tenant = fx.tenant();
    IdempotencyStore store = first.idempotencyStore();
    store.claim(tenant, "k", "hash-a", Instant.now(), Duration.ofSeconds(60));
    store.complete(tenant, "k", "hash-a", fx.receipt(), Instant.now().plus(Duration.ofHours(24)));
    long pttl = pttl(PREFIX + "idem:" + tenant + ":k");
    assertThat(Duration.ofMillis(pttl))
        .isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24));
  }

  @Test
  void release_neverDropsAStoredReceipt() {
    TenantId tenant = fx.tenant();
    IdempotencyStore store = first.idempotencyStore();
    store.claim(tenant, "k", "hash-a", Instant.now(), Duration.ofSeconds(60));
    store.complete(tenant, "k", "hash-a", fx.receipt(), Instant.now().plus(Duration.ofHours(24)));
    store.release(tenant, "k");
    assertThat(store.claim(tenant, "k", "hash-a", Instant.now(), Duration.ofSeconds(60)))
        .isInstanceOf(IdempotencyClaim.Completed.class);
  }

  @Test
  void fullBucket_leavesNoKeyBehind() throws Exception {
    TenantId tenant = fx.tenant();
    RateTier perSecond = new RateTier("fast", 10, Duration.ofSeconds(1), false);
    first.rateLimiter().acquire(tenant, "ingest", perSecond);
    long pttl = pttl(PREFIX + "rl:" + tenant + ":ingest");
    assertThat(pttl).isBetween(1L, 101L); // one token's refill time, then Redis drops the key
  }

  @Test
  void untrackedDedupePrefixes_areNeitherStoredNorReportedSeen() {
    TenantId tenant = fx.tenant();
    try (RedisAdapters redis =
        RedisAdapters.builder()
            .url(RedisExtension.url())
            .keyPrefix(PREFIX)
            .untrackedDedupePrefixes(List.of("e:"))
            .build()) {
      DedupeStore dedupe = redis.dedupeStore();
      Instant now = Instant.now();
      dedupe.remember(tenant, List.of("e:1", "s:2:abc"), now.plus(Duration.ofHours(25)));
      assertThat(dedupe.seen(tenant, List.of("e:1", "s:2:abc"), now)).containsExactly("s:2:abc");
      assertThat(pttl(PREFIX + "dd:" + tenant + ":e:1")).isEqualTo(-2); // no such key
      // another instance without the option sees what is stored, nothing more
      assertThat(first.dedupeStore().seen(tenant, List.of("e:1", "s:2:abc"), now))
          .containsExactly("s:2:abc");
    }
  }

  @Test
  void redisDown_everyCallFailsClosed_neverAllows() throws Exception {
    int closedPort = RedisExtension.freePort();
    try (RedisAdapters down =
        RedisAdapters.builder()
            .url("redis://127.0.0.1:" + closedPort)
            .keyPrefix(PREFIX)
            .timeout(Duration.ofMillis(500))
            .build()) {
      TenantId tenant = fx.tenant();
      Instant now = Instant.now();
      assertThatThrownBy(() -> down.rateLimiter().acquire(tenant, "ingest", SLOW))
          .isInstanceOf(StoreUnavailableException.class)
          .satisfies(e -> assertThat(((StoreUnavailableException) e).backend()).isEqualTo("redis"));
      assertThatThrownBy(
              () -> down.idempotencyStore().claim(tenant, "k", "h", now, Duration.ofSeconds(60)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(
              () ->
                  down.idempotencyStore()
                      .complete(tenant, "k", "h", fx.receipt(), now.plus(Duration.ofHours(24))))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.idempotencyStore().release(tenant, "k"))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.dedupeStore().seen(tenant, List.of("s:1"), now))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(
              () -> down.dedupeStore().remember(tenant, List.of("s:1"), now.plusSeconds(60)))
          .isInstanceOf(StoreUnavailableException.class);
      // The view cache fails loudly too; its readers (core) fall back to the stores.
      TraceId trace = TraceId.random();
      assertThatThrownBy(() -> down.traceViewCache().getTrace(tenant, trace, "d1"))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(
              () ->
                  down.traceViewCache()
                      .putTrace(tenant, trace, "d1", "0123456789abcdef", bytes("v"), VIEW_TTL))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.traceViewCache().invalidate(tenant, List.of(trace)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.traceViewCache().invalidateLists(tenant))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(down.check().up()).isFalse();
      assertThat(down.rateLimiter().check().up()).isFalse();
      // The unlimited tier has no limit to enforce, so it needs no Redis (spec 02 §7.2).
      assertThat(down.rateLimiter().acquire(tenant, "ingest", RateTier.UNLIMITED).allowed())
          .isTrue();
    }
  }

  @Test
  void twoQueryInstances_shareViewsAndInvalidations() {
    TenantId tenant = fx.tenant();
    TraceId trace = TraceId.random();
    TraceViewCache a = first.traceViewCache();
    TraceViewCache b = second.traceViewCache();
    String stampOfA = ((CacheLookup.Miss) a.getTrace(tenant, trace, "d1")).stamp();
    assertThat(a.putTrace(tenant, trace, "d1", stampOfA, bytes("v1"), VIEW_TTL)).isTrue();
    assertThat(b.getTrace(tenant, trace, "d1")).isInstanceOf(CacheLookup.Hit.class);

    String stampOfB = ((CacheLookup.Miss) b.getTrace(tenant, trace, "d2")).stamp();
    a.invalidate(tenant, List.of(trace)); // e.g. a processor wrote to the trace

    assertThat(b.getTrace(tenant, trace, "d1")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(b.putTrace(tenant, trace, "d2", stampOfB, bytes("old"), VIEW_TTL)).isFalse();
  }

  @Test
  void viewEntry_expiresInRedisWithinItsTtl() {
    TenantId tenant = fx.tenant();
    TraceId trace = TraceId.random();
    TraceViewCache cache = first.traceViewCache();
    String stamp = ((CacheLookup.Miss) cache.getTrace(tenant, trace, "d1")).stamp();
    cache.putTrace(tenant, trace, "d1", stamp, bytes("v"), Duration.ofSeconds(3));
    assertThat(pttl(PREFIX + "tv:" + tenant + ":t:" + trace + ":d1")).isBetween(1L, 3_000L);
    assertThat(Duration.ofMillis(pttl(PREFIX + "tv:" + tenant + ":g:" + trace)))
        .isBetween(Duration.ofSeconds(100), RedisTraceViewCache.GENERATION_TTL);
  }

  @Test
  void invalidatingViewsNobodyLookedUp_writesNothing() {
    TenantId tenant = fx.tenant();
    TraceId trace = TraceId.random();
    first.traceViewCache().invalidate(tenant, List.of(trace));
    first.traceViewCache().invalidateLists(tenant);
    assertThat(pttl(PREFIX + "tv:" + tenant + ":g:" + trace)).isEqualTo(-2); // no such key
    assertThat(pttl(PREFIX + "tv:" + tenant + ":lg")).isEqualTo(-2);
  }

  @Test
  void check_reportsTheServerVersion() {
    assertThat(first.check().up()).isTrue();
    assertThat(first.check().detail()).matches("redis \\d+\\.\\d+");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long pttl(String key) {
    try (RedisClient redis = RedisClient.create(URI.create(RedisExtension.url()))) {
      return redis.pttl(key);
    }
  }
}
