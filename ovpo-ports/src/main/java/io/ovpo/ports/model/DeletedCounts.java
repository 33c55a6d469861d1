package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * What one retention run deleted, per kind (spec 08 §2, the report's {@code deleted}).
 *
 * @param frameEvents frame events deleted with their trace or on their own expiry
 * @param artifacts ephemeral artifacts expired, and managed objects deleted with their trace
 * @param orphans items whose trace never arrived
 */
public record DeletedCounts(
    long traces, long spans, long frameEvents, long artifacts, long orphans, long auditRecords) {
  public static final DeletedCounts NONE = new DeletedCounts(0, 0, 0, 0, 0, 0);

  public DeletedCounts {
    Checks.range("traces", traces, 0, Long.MAX_VALUE);
    Checks.range("spans", spans, 0, Long.MAX_VALUE);
    Checks.range("frame_events", frameEvents, 0, Long.MAX_VALUE);
    Checks.range("artifacts", artifacts, 0, Long.MAX_VALUE);
    Checks.range("orphans", orphans, 0, Long.MAX_VALUE);
    Checks.range("audit_records", auditRecords, 0, Long.MAX_VALUE);
  }

  /** The sum of both, kind by kind. */
  public DeletedCounts plus(DeletedCounts o) {
    return new DeletedCounts(
        traces + o.traces,
        spans + o.spans,
        frameEvents + o.frameEvents,
        artifacts + o.artifacts,
        orphans + o.orphans,
        auditRecords + o.auditRecords);
  }
}
