package io.ovpo.adapter.redis;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.HealthCheck;
import io.ovpo.ports.out.TraceViewCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * Query views shared by every query and processor instance on the same Redis and prefix. Each scope
 * (a trace of a tenant, or the tenant's list pages) has a generation key holding a random 16-hex
 * token, created by the first lookup; every entry is stored as {@code <token><bytes>} and counts
 * only while its token is the scope's current one. A lookup returns the token as the stamp; a put
 * is one script that stores only while the generation still holds that token; invalidating replaces
 * the token ({@code SET XX}: a scope nobody looked up has nothing to invalidate), which voids every
 * entry and stamp of the scope at once, atomically for every instance. Entries expire by their TTL
 * ({@code PX}); generations after {@link #GENERATION_TTL}, which can only turn a later lookup into
 * a miss, never let an old entry back (tokens never repeat).
 *
 * <p>Redis failures throw {@link io.ovpo.ports.error.StoreUnavailableException}.
 */
final class RedisTraceViewCache implements TraceViewCache {
  /** Outlives every entry (TTL at most {@link TraceViewCache#MAX_TTL}) and every normal load. */
  static final Duration GENERATION_TTL = TraceViewCache.MAX_TTL.multipliedBy(2);

  private static final int TOKEN_LENGTH = 16;

  /** KEYS: generation, entry. ARGV: token for a new generation, its TTL. Returns {token, value}. */
  private static final LuaScript GET =
      new LuaScript(
          """
          local g = redis.call('GET', KEYS[1])
          if not g then
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return {ARGV[1], false}
          end
          local v = redis.call('GET', KEYS[2])
          if v and string.sub(v, 1, 16) == g then
            return {g, string.sub(v, 17)}
          end
          return {g, false}
          """);

  /** KEYS: generation, entry. ARGV: stamp, stamp..value, TTL ms. Stores only under the stamp. */
  private static final LuaScript PUT =
      new LuaScript(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1
          end
          return 0
          """);

  private final RedisConnection redis;
  private final RedisKeys keys;
  private final HealthCheck health;

  RedisTraceViewCache(RedisConnection redis, RedisKeys keys, HealthCheck health) {
    this.redis = redis;
    this.keys = keys;
    this.health = health;
  }

  @Override
  public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
    TraceViewCache.checkKey(variant);
    return get(keys.traceGeneration(tenant, traceId), keys.traceView(tenant, traceId, variant));
  }

  @Override
  public boolean putTrace(
      TenantId tenant, TraceId traceId, String variant, String stamp, byte[] value, Duration ttl) {
    TraceViewCache.checkKey(variant);
    return put(
        keys.traceGeneration(tenant, traceId),
        keys.traceView(tenant, traceId, variant),
        stamp,
        value,
        TraceViewCache.checkTtl(ttl));
  }

  @Override
  public CacheLookup getList(TenantId tenant, String query) {
    TraceViewCache.checkKey(query);
    return get(keys.listGeneration(tenant), keys.listView(tenant, query));
  }

  @Override
  public boolean putList(TenantId tenant, String query, String stamp, byte[] value, Duration ttl) {
    TraceViewCache.checkKey(query);
    return put(
        keys.listGeneration(tenant),
        keys.listView(tenant, query),
        stamp,
        value,
        TraceViewCache.checkTtl(ttl));
  }

  @Override
  public void invalidate(TenantId tenant, Collection<TraceId> traceIds) {
    List<String> generations = new ArrayList<>();
    for (TraceId id : new LinkedHashSet<>(traceIds)) {
      generations.add(keys.traceGeneration(tenant, id));
    }
    renew(generations);
  }

  @Override
  public void invalidateLists(TenantId tenant) {
    renew(List.of(keys.listGeneration(tenant)));
  }

  private CacheLookup get(String generation, String entry) {
    List<?> reply =
        redis.call(
            "view cache lookup",
            r ->
                (List<?>)
                    GET.runBinary(
                        r,
                        List.of(bytes(generation), bytes(entry)),
                        List.of(bytes(newToken()), bytes(Long.toString(millis(GENERATION_TTL))))));
    String token = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
    Object value = reply.get(1);
    return value == null ? new CacheLookup.Miss(token) : new CacheLookup.Hit((byte[]) value);
  }

  private boolean put(String generation, String entry, String stamp, byte[] value, Duration ttl) {
    byte[] token = bytes(stamp);
    if (token.length != TOKEN_LENGTH) {
      return false; // not a stamp of this cache: it can never match
    }
    byte[] stored = Arrays.copyOf(token, TOKEN_LENGTH + value.length);
    System.arraycopy(value, 0, stored, TOKEN_LENGTH, value.length);
    Object reply =
        redis.call(
            "view cache put",
            r ->
                PUT.runBinary(
                    r,
                    List.of(bytes(generation), bytes(entry)),
                    List.of(token, stored, bytes(Long.toString(millis(ttl))))));
    return ((Number) reply).longValue() == 1;
  }

  /** One round trip: a new token for each existing generation. */
  private void renew(List<String> generations) {
    if (generations.isEmpty()) {
      return;
    }
    SetParams replace = SetParams.setParams().xx().px(millis(GENERATION_TTL));
    redis.call(
        "view cache invalidation",
        r -> {
          List<Response<String>> replies = new ArrayList<>(generations.size());
          try (Pipeline p = r.pipelined()) {
            for (String g : generations) {
              replies.add(p.set(g, newToken(), replace));
            }
            p.sync();
          }
          // Rethrows error replies (e.g. OOM): an invalidation that did not happen must fail.
          replies.forEach(Response::get);
          return null;
        });
  }

  private static String newToken() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** Whole milliseconds, rounded down (never kept longer than asked), at least 1. */
  private static long millis(Duration d) {
    return Math.max(1, d.toMillis());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public HealthStatus check() {
    return health.check();
  }
}
