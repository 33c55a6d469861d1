package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one retention run of one tenant (spec 08 §2, "Retention report").
 *
 * @param held traces past retention kept because of a legal hold
 * @param failed deletions that failed and are retried by the next run
 * @param deletionId the tombstone this run wrote (only when it deleted at least one trace)
 */
public record RetentionReport(
    RetentionRunId runId,
    TenantId tenantId,
    Instant startedAt,
    Instant finishedAt,
    DeletedCounts deleted,
    long held,
    long failed,
    Optional<DeletionId> deletionId) {
  public RetentionReport {
    Checks.notNull("run_id", runId);
    Checks.notNull("tenant_id", tenantId);
    Checks.millis("started_at", startedAt);
    Checks.millis("finished_at", finishedAt);
    Checks.notBefore("finished_at", finishedAt, "started_at", startedAt);
    Checks.notNull("deleted", deleted);
    Checks.range("held", held, 0, Long.MAX_VALUE);
    Checks.range("failed", failed, 0, Long.MAX_VALUE);
    Checks.notNull("deletion_id", deletionId);
  }
}
