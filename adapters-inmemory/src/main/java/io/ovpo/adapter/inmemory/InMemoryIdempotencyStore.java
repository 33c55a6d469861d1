package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys in insertion order under one lock (claims run once per ingest request, not per
 * item). Expired entries are swept from the oldest end; over the cap the oldest are evicted and
 * counted.
 */
final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final LinkedHashMap<Scoped<String>, Entry> entries = new LinkedHashMap<>();
  private final long maxKeys;
  private final Evictions evictions;

  InMemoryIdempotencyStore(long maxKeys, Evictions evictions) {
    this.maxKeys = maxKeys;
    this.evictions = evictions;
  }

  /** A claim in progress (no receipt, {@code until} = lock expiry) or a completed one. */
  private record Entry(String requestHash, Optional<IngestReceipt> receipt, Instant until) {}

  @Override
  public synchronized IdempotencyClaim claim(
      TenantId tenant, String key, String requestHash, Instant now, Duration lockTtl) {
    sweep(now);
    Scoped<String> k = new Scoped<>(tenant, key);
    Entry e = entries.get(k);
    if (e == null || !now.isBefore(e.until())) {
      entries.remove(k);
      entries.put(k, new Entry(requestHash, Optional.empty(), now.plus(lockTtl)));
      enforceCap();
      return new IdempotencyClaim.Acquired();
    }
    if (!e.requestHash().equals(requestHash)) {
      return new IdempotencyClaim.Conflict();
    }
    return e.receipt()
        .<IdempotencyClaim>map(IdempotencyClaim.Completed::new)
        .orElseGet(IdempotencyClaim.InProgress::new);
  }

  @Override
  public synchronized void complete(
      TenantId tenant, String key, String requestHash, IngestReceipt receipt, Instant expiresAt) {
    Scoped<String> k = new Scoped<>(tenant, key);
    entries.remove(k);
    entries.put(k, new Entry(requestHash, Optional.of(receipt), expiresAt));
    enforceCap();
  }

  @Override
  public synchronized void release(TenantId tenant, String key) {
    Scoped<String> k = new Scoped<>(tenant, key);
    Entry e = entries.get(k);
    if (e != null && e.receipt().isEmpty()) {
      entries.remove(k);
    }
  }

  /** Drops expired entries from the oldest end; stops at the first live one (amortized O(1)). */
  private void sweep(Instant now) {
    Iterator<Map.Entry<Scoped<String>, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (now.isBefore(it.next().getValue().until())) {
        return;
      }
      it.remove();
    }
  }

  private void enforceCap() {
    Iterator<Scoped<String>> it = entries.keySet().iterator();
    while (entries.size() > maxKeys && it.hasNext()) {
      it.next();
      it.remove();
      evictions.add(EvictionKind.IDEMPOTENCY_KEYS, 1);
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
