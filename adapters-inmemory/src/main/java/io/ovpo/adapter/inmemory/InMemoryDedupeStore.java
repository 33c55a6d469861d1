package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The processor's seen-set: per-tenant concurrent maps of key → expiry (epoch ms), lock-free on the
 * hot path. A FIFO of first insertions drives both expiry sweeps (from the oldest end, amortized
 * O(1)) and, over the cap, oldest-first eviction, which is counted.
 */
final class InMemoryDedupeStore implements DedupeStore {
  private final ConcurrentHashMap<TenantId, ConcurrentHashMap<String, Long>> tenants =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Scoped<String>> arrival = new ConcurrentLinkedQueue<>();
  private final AtomicLong size = new AtomicLong();
  private final ReentrantLock sweeping = new ReentrantLock();
  private final long maxKeys;
  private final Clock clock;
  private final Evictions evictions;

  InMemoryDedupeStore(long maxKeys, Clock clock, Evictions evictions) {
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.evictions = evictions;
  }

  @Override
  public Set<String> seen(TenantId tenant, Collection<String> keys, Instant now) {
    ConcurrentHashMap<String, Long> map = tenants.get(tenant);
    Set<String> out = new HashSet<>();
    if (map == null) {
      return out;
    }
    long t = now.toEpochMilli();
    for (String k : keys) {
      Long expires = map.get(k);
      if (expires != null && expires > t) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public void remember(TenantId tenant, Collection<String> keys, Instant expiresAt) {
    ConcurrentHashMap<String, Long> map =
        tenants.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>());
    long exp = expiresAt.toEpochMilli();
    for (String k : keys) {
      boolean[] added = {false};
      map.compute(
          k,
          (key, old) -> {
            if (old == null) {
              added[0] = true;
              return exp;
            }
            return Math.max(old, exp);
          });
      if (added[0]) {
        arrival.add(new Scoped<>(tenant, k));
        size.incrementAndGet();
      }
    }
    sweep();
  }

  /**
   * Forgets expired keys at the oldest end, then evicts the oldest while over the cap. One sweeper
   * at a time (others skip), so only it ever takes from the head of the FIFO.
   */
  private void sweep() {
    if (!sweeping.tryLock()) {
      return;
    }
    try {
      long now = clock.millis();
      Scoped<String> head;
      while ((head = arrival.peek()) != null) {
        ConcurrentHashMap<String, Long> map = tenants.get(head.tenant());
        Long expires = map == null ? null : map.get(head.key());
        boolean expired = expires == null || expires <= now;
        if (!expired && size.get() <= maxKeys) {
          return;
        }
        arrival.poll();
        if (expires == null) {
          size.decrementAndGet();
        } else if (map.remove(head.key(), expires)) {
          size.decrementAndGet();
          if (!expired) {
            evictions.add(EvictionKind.DEDUPE_KEYS, 1);
          }
        } else {
          arrival.add(head); // remembered again meanwhile: keep tracking it
        }
      }
    } finally {
      sweeping.unlock();
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
