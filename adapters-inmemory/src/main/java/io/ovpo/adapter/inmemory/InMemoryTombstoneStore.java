package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TombstoneStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deletion records and deleted trace ids. Not capped: both are small and must outlive the data (a
 * capped tombstone would let a late redelivery resurrect a deleted trace).
 */
final class InMemoryTombstoneStore implements TombstoneStore {
  private static final Comparator<Tombstone> OLDEST_FIRST =
      Comparator.comparing(Tombstone::deletedAt).thenComparing(t -> t.deletionId().value());

  private final ConcurrentHashMap<Scoped<DeletionId>, Tombstone> tombstones =
      new ConcurrentHashMap<>();

  /** Per tenant, each deleted trace with the deletion that first deleted it. */
  private final ConcurrentHashMap<TenantId, ConcurrentHashMap<TraceId, DeletionId>> deleted =
      new ConcurrentHashMap<>();

  @Override
  public void save(Tombstone tombstone) {
    tombstones.put(new Scoped<>(tombstone.tenantId(), tombstone.deletionId()), tombstone);
  }

  @Override
  public Optional<Tombstone> get(TenantId tenant, DeletionId id) {
    return Optional.ofNullable(tombstones.get(new Scoped<>(tenant, id)));
  }

  @Override
  public List<Tombstone> running() {
    return tombstones.values().stream()
        .filter(t -> t.state() == DeletionState.RUNNING)
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public void markDeleted(TenantId tenant, DeletionId deletion, Collection<TraceId> traceIds) {
    ConcurrentHashMap<TraceId, DeletionId> ids =
        deleted.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>());
    traceIds.forEach(id -> ids.putIfAbsent(id, deletion));
  }

  @Override
  public Set<TraceId> deletedAmong(TenantId tenant, Collection<TraceId> traceIds) {
    Map<TraceId, DeletionId> ids = deleted.get(tenant);
    Set<TraceId> out = new HashSet<>();
    if (ids != null) {
      for (TraceId id : traceIds) {
        if (ids.containsKey(id)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  @Override
  public int purgeBefore(TenantId tenant, Instant cutoff) {
    Set<DeletionId> gone = new HashSet<>();
    tombstones
        .values()
        .removeIf(
            t -> {
              boolean old =
                  t.tenantId().equals(tenant)
                      && t.state() == DeletionState.COMPLETED
                      && t.deletedAt().isBefore(cutoff);
              if (old) {
                gone.add(t.deletionId());
              }
              return old;
            });
    Map<TraceId, DeletionId> ids = deleted.get(tenant);
    if (ids != null && !gone.isEmpty()) {
      ids.values().removeIf(gone::contains);
    }
    return gone.size();
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
