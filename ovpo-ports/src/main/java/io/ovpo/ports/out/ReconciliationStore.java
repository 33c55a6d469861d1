package io.ovpo.ports.out;

import io.ovpo.ports.model.DirtyTrace;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Traces whose verdict must be recomputed later (late or early items). Marking again replaces the
 * due time; {@link #done} removes a mark only if it was not re-marked meanwhile.
 *
 * <p>It also keeps the orphan traces (spec 04 §7.1): traces the reconciler found not stored while
 * items of them were, one entry per (tenant, trace), for retention to delete their items once the
 * entry is 7 days old. An entry may outlive the trace's arrival until the reconciler or retention
 * finds the trace stored; readers check the trace itself.
 */
public interface ReconciliationStore extends HealthCheck {
  void mark(DirtyTrace dirty);

  /** Marks due at or before {@code now}, earliest first. */
  List<DirtyTrace> due(java.time.Instant now, int limit);

  /** Removes the mark if its markedAt is still {@code dirty.markedAt()}. */
  void done(DirtyTrace dirty);

  /**
   * Records that the trace was found not stored at {@code seenAt}: creates its entry, or keeps the
   * entry's earliest {@code firstSeenAt} and latest {@code lastSeenAt}. Idempotent.
   */
  void orphanSeen(TenantId tenant, TraceId traceId, Instant seenAt);

  /**
   * The tenant's entries first seen before {@code cutoff}, ordered by (firstSeenAt, traceId) and
   * strictly after {@code after} in that order, at most {@code limit}. Empty when there are none.
   */
  List<OrphanTrace> orphansSeenBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit);

  /** Removes the trace's entry (its trace is stored now); a no-op when there is none. */
  void forgetOrphan(TenantId tenant, TraceId traceId);

  /**
   * Removes the entry only if its {@code lastSeenAt} is still {@code orphan.lastSeenAt()}: an entry
   * seen again meanwhile (more items arrived) stays.
   */
  void forgetOrphan(OrphanTrace orphan);
}
