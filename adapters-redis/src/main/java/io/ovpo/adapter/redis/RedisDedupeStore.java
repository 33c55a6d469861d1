package io.ovpo.adapter.redis;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.HealthCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.params.SetParams;

/**
 * The processor's seen-set as one Redis key per (tenant, key), value {@code 1} (a shared object, so
 * a key costs only its name, its dict entry and its expiry) and a TTL. Remembering is {@code SET NX
 * PX} plus {@code PEXPIRE GT}, so remembering again only ever extends the expiry, whatever the
 * order of concurrent calls. Expiry is kept by Redis; {@code seen}'s {@code now} is not consulted.
 *
 * <p>Keys starting with an untracked prefix are never stored and never reported seen: their items
 * are made idempotent by the stores themselves (see the builder).
 */
final class RedisDedupeStore implements DedupeStore {
  /** Commands per round trip: large enough to amortize latency, small enough not to stall Redis. */
  private static final int CHUNK = 1_000;

  private final RedisConnection redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final List<String> untracked;
  private final HealthCheck health;

  RedisDedupeStore(
      RedisConnection redis,
      RedisKeys keys,
      Clock clock,
      List<String> untracked,
      HealthCheck health) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.untracked = untracked;
    this.health = health;
  }

  @Override
  public Set<String> seen(TenantId tenant, Collection<String> candidates, Instant now) {
    List<String> tracked = tracked(candidates);
    Set<String> seen = new HashSet<>();
    for (int from = 0; from < tracked.size(); from += CHUNK) {
      List<String> chunk = tracked.subList(from, Math.min(tracked.size(), from + CHUNK));
      String[] redisKeys = chunk.stream().map(k -> keys.dedupe(tenant, k)).toArray(String[]::new);
      List<String> values = redis.call("dedupe lookup", r -> r.mget(redisKeys));
      for (int i = 0; i < chunk.size(); i++) {
        if (values.get(i) != null) {
          seen.add(chunk.get(i));
        }
      }
    }
    return seen;
  }

  @Override
  public void remember(TenantId tenant, Collection<String> candidates, Instant expiresAt) {
    List<String> tracked = tracked(candidates);
    long ttl = Ttl.millisUntil(expiresAt, clock);
    if (tracked.isEmpty() || ttl == 0) {
      return;
    }
    SetParams create = SetParams.setParams().nx().px(ttl);
    for (int from = 0; from < tracked.size(); from += CHUNK) {
      List<String> chunk = tracked.subList(from, Math.min(tracked.size(), from + CHUNK));
      redis.call(
          "dedupe remember",
          r -> {
            List<Response<?>> replies = new ArrayList<>(2 * chunk.size());
            try (Pipeline p = r.pipelined()) {
              for (String k : chunk) {
                String key = keys.dedupe(tenant, k);
                replies.add(p.set(key, "1", create));
                replies.add(p.pexpire(key, ttl, ExpiryOption.GT));
              }
              p.sync();
            }
            // A pipeline keeps error replies (e.g. OOM) in its responses: get() rethrows them,
            // so a key that was not stored is never reported as remembered.
            replies.forEach(Response::get);
            return null;
          });
    }
  }

  private List<String> tracked(Collection<String> candidates) {
    List<String> out = new ArrayList<>(candidates.size());
    for (String k : new LinkedHashSet<>(candidates)) {
      if (untracked.stream().noneMatch(k::startsWith)) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public HealthStatus check() {
    return health.check();
  }
}
