package io.ovpo.adapter.redis;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.RateDecision;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.HealthCheck;
import io.ovpo.ports.out.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets shared by every instance that uses the same Redis: one Lua script reads and updates
 * a bucket atomically on the server, with the server's clock ({@code TIME}), so collectors with
 * skewed clocks still share one limit. The unlimited tier never touches Redis.
 */
final class RedisRateLimiter implements RateLimiter {
  /**
   * GCRA form of a token bucket: the bucket is one number, the instant (µs) at which it will be
   * full again; no key means full. {@code debt = full_at - now} is the time the missing tokens take
   * to come back, so a token is available while {@code debt + interval <= period}. The key expires
   * when the bucket is full again. Returns {allowed, remaining, server now ms, ms until full, µs
   * until one token}.
   */
  private static final LuaScript TOKEN_BUCKET =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
          local capacity = tonumber(ARGV[1])
          local period = tonumber(ARGV[2])
          local interval = period / capacity
          local full_at = tonumber(redis.call('GET', KEYS[1]) or now)
          if full_at < now then full_at = now end
          local debt = full_at - now
          local allowed = 0
          local retry = 0
          -- 1 µs of slack absorbs floating-point error in the stored instant
          if debt + interval <= period + 1 then
            allowed = 1
            debt = debt + interval
            redis.call('SET', KEYS[1], string.format('%.3f', now + debt),
                       'PX', math.ceil(debt / 1000) + 1)
          else
            retry = debt + interval - period
          end
          local remaining = math.floor((period - debt) / interval + 1e-9)
          if remaining < 0 then remaining = 0 end
          return {allowed, remaining, math.floor(now / 1000), math.ceil(debt / 1000),
                  math.ceil(retry)}
          """);

  private final RedisConnection redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final HealthCheck health;

  RedisRateLimiter(RedisConnection redis, RedisKeys keys, Clock clock, HealthCheck health) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.health = health;
  }

  @Override
  public RateDecision acquire(TenantId tenant, String scope, RateTier tier) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    if (tier.unlimited()) {
      return new RateDecision(true, tier.capacity(), tier.capacity(), clock.instant(), 0);
    }
    long periodMicros = TimeUnit.MICROSECONDS.convert(tier.refillPeriod());
    List<String> args = List.of(Long.toString(tier.capacity()), Long.toString(periodMicros));
    List<?> reply =
        redis.call(
            "rate limit",
            r -> (List<?>) TOKEN_BUCKET.run(r, List.of(keys.bucket(tenant, scope)), args));
    boolean allowed = number(reply, 0) == 1;
    Instant serverNow = Instant.ofEpochMilli(number(reply, 2));
    Instant resetAt = serverNow.plusMillis(number(reply, 3));
    long retryAfter = allowed ? 0 : Math.max(1, ceilDiv(number(reply, 4), 1_000_000));
    long remaining = allowed ? Math.min(number(reply, 1), tier.capacity()) : 0;
    return new RateDecision(allowed, tier.capacity(), remaining, resetAt, retryAfter);
  }

  private static long number(List<?> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  @Override
  public HealthStatus check() {
    return health.check();
  }
}
