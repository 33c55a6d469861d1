package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The lasting record of a deletion (kept 7 years): who deleted what, why, and how many traces were
 * deleted or kept under legal hold. Holds no personal data beyond the user-id hash it targeted.
 */
public record Tombstone(
    DeletionId deletionId,
    TenantId tenantId,
    Instant deletedAt,
    String deletedBy,
    String reason,
    Optional<String> userIdHash,
    int traceCount,
    int heldCount,
    DeletionState state) {
  public Tombstone {
    Checks.notNull("deletion_id", deletionId);
    Checks.notNull("tenant_id", tenantId);
    Checks.notNull("deleted_at", deletedAt);
    Checks.length("deleted_by", deletedBy, 1, 256);
    Checks.length("reason", reason, 1, 1024);
    Checks.notNull("user_id_hash", userIdHash)
        .ifPresent(h -> Checks.matches("user_id_hash", h, Checks.HEX64));
    Checks.range("trace_count", traceCount, 0, Integer.MAX_VALUE);
    Checks.range("held_count", heldCount, 0, Integer.MAX_VALUE);
    Checks.notNull("state", state);
  }
}
