package io.ovpo.ports.out;

import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletion records (kept 7 years) and the set of deleted trace ids, so a late redelivery never
 * resurrects a deleted trace.
 */
public interface TombstoneStore extends HealthCheck {
  /** Inserts or replaces the tombstone by deletion id. */
  void save(Tombstone tombstone);

  Optional<Tombstone> get(TenantId tenant, DeletionId id);

  /** Tombstones still RUNNING, oldest first (to resume after a restart). */
  List<Tombstone> running();

  /** Remembers that these traces were deleted. */
  void markDeleted(TenantId tenant, DeletionId deletion, Collection<TraceId> traceIds);

  /** The subset of {@code traceIds} that were deleted. */
  Set<TraceId> deletedAmong(TenantId tenant, Collection<TraceId> traceIds);

  /**
   * Deletes the tenant's COMPLETED tombstones with deleted_at before {@code cutoff} together with
   * their deleted trace ids (spec 08 §6: both are kept 7 years). Returns how many tombstones went.
   */
  int purgeBefore(TenantId tenant, Instant cutoff);
}
