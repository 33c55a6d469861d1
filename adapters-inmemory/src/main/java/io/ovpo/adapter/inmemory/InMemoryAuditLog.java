package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One chain per tenant, keyed by sequence. Appends of a tenant are serialized so the head check and
 * the insert are one step. Over the per-tenant cap the oldest records are evicted and counted (the
 * chain then verifies from its oldest kept record).
 */
final class InMemoryAuditLog implements AuditLog {
  private final ConcurrentHashMap<TenantId, ConcurrentSkipListMap<Long, AuditRecord>> chains =
      new ConcurrentHashMap<>();
  private final long maxRecordsPerTenant;
  private final Evictions evictions;

  InMemoryAuditLog(long maxRecordsPerTenant, Evictions evictions) {
    this.maxRecordsPerTenant = maxRecordsPerTenant;
    this.evictions = evictions;
  }

  @Override
  public Optional<AuditRecord> head(TenantId tenant) {
    ConcurrentSkipListMap<Long, AuditRecord> chain = chains.get(tenant);
    Map.Entry<Long, AuditRecord> last = chain == null ? null : chain.lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  @Override
  public boolean append(AuditRecord record) {
    ConcurrentSkipListMap<Long, AuditRecord> chain =
        chains.computeIfAbsent(record.event().tenantId(), k -> new ConcurrentSkipListMap<>());
    synchronized (chain) {
      long next = chain.isEmpty() ? 1 : chain.lastKey() + 1;
      if (record.sequence() != next) {
        return false;
      }
      chain.put(record.sequence(), record);
      while (chain.size() > maxRecordsPerTenant) {
        chain.pollFirstEntry();
        evictions.add(EvictionKind.AUDIT_RECORDS, 1);
      }
      return true;
    }
  }

  @Override
  public List<AuditRecord> list(AuditQuery q) {
    ConcurrentSkipListMap<Long, AuditRecord> chain = chains.get(q.tenantId());
    if (chain == null) {
      return List.of();
    }
    NavigableMap<Long, AuditRecord> below =
        q.beforeSequence().isPresent()
            ? chain.headMap(q.beforeSequence().getAsLong(), false)
            : chain;
    List<AuditRecord> out = new ArrayList<>(q.limit());
    for (AuditRecord r : below.descendingMap().values()) {
      if (q.action().map(a -> a == r.event().action()).orElse(true)
          && q.timestamp().contains(r.event().timestamp())) {
        out.add(r);
        if (out.size() == q.limit()) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public List<AuditRecord> ascending(TenantId tenant, long fromSequence, int limit) {
    ConcurrentSkipListMap<Long, AuditRecord> chain = chains.get(tenant);
    if (chain == null) {
      return List.of();
    }
    return chain.tailMap(fromSequence, true).values().stream().limit(limit).toList();
  }

  @Override
  public int deleteBefore(TenantId tenant, Instant cutoff) {
    ConcurrentSkipListMap<Long, AuditRecord> chain = chains.get(tenant);
    if (chain == null) {
      return 0;
    }
    synchronized (chain) {
      int n = 0;
      while (chain.size() > 1
          && chain.firstEntry().getValue().event().timestamp().isBefore(cutoff)) {
        chain.pollFirstEntry();
        n++;
      }
      return n;
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
