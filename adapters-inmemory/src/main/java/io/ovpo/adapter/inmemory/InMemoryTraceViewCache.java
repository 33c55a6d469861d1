package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Query views of one process, bounded by their total size. Entries live in scopes (one trace of a
 * tenant, or a tenant's list pages); a scope is created on a lookup with a generation drawn from a
 * counter that never repeats, and its stamp is that generation. Invalidating drops the scope, so
 * the next lookup starts a new generation and stamps issued before can never match again. Over the
 * cap, the least recently used scopes go first; a cache losing entries loses nothing, so those
 * drops are not counted as evictions. One lock: lookups are a map access, values are copied.
 *
 * <p>Only correct where every write of the data passes through this process (the all-in-one
 * server); separate processes need a shared cache such as Redis.
 */
final class InMemoryTraceViewCache implements TraceViewCache {
  /** Rough bookkeeping cost of an entry beyond its value, for the byte cap. */
  private static final int ENTRY_OVERHEAD = 96;

  private final Clock clock;
  private final long maxBytes;
  private final LinkedHashMap<Scope, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
  private long generations;
  private long bytes;

  InMemoryTraceViewCache(Clock clock, long maxBytes) {
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  /** A trace of a tenant, or (trace absent) the tenant's list pages. */
  private record Scope(TenantId tenant, Optional<TraceId> trace) {}

  private record Entry(byte[] value, long expiresAtMillis, long size) {}

  private static final class Slot {
    final long generation;
    final Map<String, Entry> entries = new HashMap<>();
    long bytes;

    Slot(long generation) {
      this.generation = generation;
    }
  }

  @Override
  public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
    return get(new Scope(tenant, Optional.of(traceId)), TraceViewCache.checkKey(variant));
  }

  @Override
  public boolean putTrace(
      TenantId tenant, TraceId traceId, String variant, String stamp, byte[] value, Duration ttl) {
    return put(
        new Scope(tenant, Optional.of(traceId)),
        TraceViewCache.checkKey(variant),
        stamp,
        value,
        TraceViewCache.checkTtl(ttl));
  }

  @Override
  public CacheLookup getList(TenantId tenant, String query) {
    return get(new Scope(tenant, Optional.empty()), TraceViewCache.checkKey(query));
  }

  @Override
  public boolean putList(TenantId tenant, String query, String stamp, byte[] value, Duration ttl) {
    return put(
        new Scope(tenant, Optional.empty()),
        TraceViewCache.checkKey(query),
        stamp,
        value,
        TraceViewCache.checkTtl(ttl));
  }

  @Override
  public synchronized void invalidate(TenantId tenant, Collection<TraceId> traceIds) {
    for (TraceId id : traceIds) {
      drop(new Scope(tenant, Optional.of(id)));
    }
  }

  @Override
  public synchronized void invalidateLists(TenantId tenant) {
    drop(new Scope(tenant, Optional.empty()));
  }

  private synchronized CacheLookup get(Scope scope, String key) {
    Slot slot = slots.computeIfAbsent(scope, s -> new Slot(++generations));
    Entry e = slot.entries.get(key);
    if (e != null) {
      if (e.expiresAtMillis() > clock.millis()) {
        return new CacheLookup.Hit(e.value().clone());
      }
      slot.entries.remove(key);
      release(slot, e.size());
    }
    evictOverCap(scope, slot, ""); // a new slot counts too
    return new CacheLookup.Miss(Long.toString(slot.generation));
  }

  private synchronized boolean put(
      Scope scope, String key, String stamp, byte[] value, Duration ttl) {
    Slot slot = slots.get(scope);
    if (slot == null || !Long.toString(slot.generation).equals(stamp)) {
      return false; // invalidated (or evicted) since the lookup
    }
    long size = value.length + key.length() + ENTRY_OVERHEAD;
    if (size + 2L * ENTRY_OVERHEAD > maxBytes) {
      return false;
    }
    Entry old =
        slot.entries.put(key, new Entry(value.clone(), clock.millis() + ttl.toMillis(), size));
    if (old != null) {
      release(slot, old.size());
    }
    slot.bytes += size;
    bytes += size;
    evictOverCap(scope, slot, key);
    return true;
  }

  private void drop(Scope scope) {
    Slot slot = slots.remove(scope);
    if (slot != null) {
      bytes -= slot.bytes;
    }
  }

  private void release(Slot slot, long size) {
    slot.bytes -= size;
    bytes -= size;
  }

  /**
   * Least recently used scopes first, never {@code keep} (the one just used); then, should that one
   * scope alone be over the cap, its other entries. Every scope costs its bookkeeping too, so
   * lookups of many distinct traces are bounded as well.
   */
  private void evictOverCap(Scope keep, Slot kept, String keptKey) {
    long slotCosts = (long) slots.size() * ENTRY_OVERHEAD;
    Iterator<Map.Entry<Scope, Slot>> eldest = slots.entrySet().iterator();
    while (bytes + slotCosts > maxBytes && eldest.hasNext()) {
      Map.Entry<Scope, Slot> e = eldest.next();
      if (!e.getKey().equals(keep)) {
        bytes -= e.getValue().bytes;
        slotCosts -= ENTRY_OVERHEAD;
        eldest.remove();
      }
    }
    Iterator<Map.Entry<String, Entry>> others = kept.entries.entrySet().iterator();
    while (bytes + slotCosts > maxBytes && others.hasNext()) {
      Map.Entry<String, Entry> e = others.next();
      if (!e.getKey().equals(keptKey)) {
        release(kept, e.getValue().size());
        others.remove();
      }
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
