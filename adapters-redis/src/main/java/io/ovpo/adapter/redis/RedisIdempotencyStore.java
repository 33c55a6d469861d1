package io.ovpo.adapter.redis;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.HealthCheck;
import io.ovpo.ports.out.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.params.SetParams;

/**
 * Idempotency-Keys in Redis, one string key each. A claim is one {@code SET key pending NX PX
 * lockTtl GET}: it either creates the pending entry (acquired) or returns the entry that is there,
 * atomically, so of concurrent requests across every collector exactly one acquires. The lock TTL
 * frees the key of an owner that crashed; completing replaces the entry with the receipt and its
 * retention.
 */
final class RedisIdempotencyStore implements IdempotencyStore {
  /** Deletes the entry only while it is still a claim: a stored receipt is never released. */
  private static final LuaScript RELEASE =
      new LuaScript(
          """
          local v = redis.call('GET', KEYS[1])
          if v and string.sub(v, 1, 2) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  private final RedisConnection redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final HealthCheck health;

  RedisIdempotencyStore(RedisConnection redis, RedisKeys keys, Clock clock, HealthCheck health) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.health = health;
  }

  @Override
  public IdempotencyClaim claim(
      TenantId tenant, String key, String requestHash, Instant now, Duration lockTtl) {
    Objects.requireNonNull(requestHash, "requestHash");
    String k = keys.idempotency(tenant, key);
    long ttl = Math.max(1, lockTtl.toMillis());
    String existing =
        redis.call(
            "idempotency claim",
            r ->
                r.setGet(
                    k, IdempotencyEntry.pending(requestHash), SetParams.setParams().nx().px(ttl)));
    if (existing == null) {
      return new IdempotencyClaim.Acquired();
    }
    IdempotencyEntry entry = decode(existing);
    if (!entry.requestHash().equals(requestHash)) {
      return new IdempotencyClaim.Conflict();
    }
    return entry
        .receipt()
        .<IdempotencyClaim>map(IdempotencyClaim.Completed::new)
        .orElseGet(IdempotencyClaim.InProgress::new);
  }

  @Override
  public void complete(
      TenantId tenant, String key, String requestHash, IngestReceipt receipt, Instant expiresAt) {
    String k = keys.idempotency(tenant, key);
    String value = IdempotencyEntry.done(requestHash, receipt);
    long ttl = Ttl.millisUntil(expiresAt, clock);
    if (ttl == 0) {
      redis.call("idempotency complete", r -> r.del(k)); // already past its retention
    } else {
      redis.call("idempotency complete", r -> r.set(k, value, SetParams.setParams().px(ttl)));
    }
  }

  @Override
  public void release(TenantId tenant, String key) {
    String k = keys.idempotency(tenant, key);
    redis.call(
        "idempotency release",
        r -> RELEASE.run(r, List.of(k), List.of(IdempotencyEntry.PENDING + '\t')));
  }

  private static IdempotencyEntry decode(String value) {
    try {
      return IdempotencyEntry.decode(value);
    } catch (RuntimeException e) {
      // Written by something else (another version?): refuse rather than guess.
      throw new StoreUnavailableException(
          RedisConnection.BACKEND, "unreadable idempotency entry", e);
    }
  }

  @Override
  public HealthStatus check() {
    return health.check();
  }
}
