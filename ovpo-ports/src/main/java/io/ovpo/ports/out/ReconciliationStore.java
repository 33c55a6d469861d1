package io.ovpo.ports.out;

import io.ovpo.ports.model.DirtyTrace;
import java.util.List;

/**
 * Traces whose verdict must be recomputed later (late or early items). Marking again replaces the
 * due time; {@link #done} removes a mark only if it was not re-marked meanwhile.
 */
public interface ReconciliationStore extends HealthCheck {
  void mark(DirtyTrace dirty);

  /** Marks due at or before {@code now}, earliest first. */
  List<DirtyTrace> due(java.time.Instant now, int limit);

  /** Removes the mark if its markedAt is still {@code dirty.markedAt()}. */
  void done(DirtyTrace dirty);
}
