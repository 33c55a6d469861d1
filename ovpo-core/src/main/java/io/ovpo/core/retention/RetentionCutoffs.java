package io.ovpo.core.retention;

import io.ovpo.ports.model.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The instants a retention run at {@code now} deletes before, from a tenant's policy (spec 08 §1):
 * data first received before a cutoff is past its period. Ephemeral artifacts expire after their
 * lifetime and then get {@link #GRACE} more before deletion.
 */
public record RetentionCutoffs(
    Instant traces,
    Instant frameEvents,
    Instant artifactsAsOf,
    Duration artifactLifetime,
    Optional<Instant> audit,
    Instant tombstones,
    Instant orphans) {
  /** Time to copy an expired ephemeral artifact out before its object is deleted. */
  public static final Duration GRACE = Duration.ofHours(24);

  /** Tombstones and the deleted-trace set: 7 years (spec 10, tombstone_retention_days). */
  public static final Duration TOMBSTONES = Duration.ofDays(2557);

  /** Orphans: 7 days after their trace was first found missing (spec 08 §1, fixed). */
  public static final Duration ORPHANS = Duration.ofDays(7);

  public RetentionCutoffs {
    Objects.requireNonNull(traces, "traces");
    Objects.requireNonNull(frameEvents, "frameEvents");
    Objects.requireNonNull(artifactsAsOf, "artifactsAsOf");
    Objects.requireNonNull(artifactLifetime, "artifactLifetime");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(tombstones, "tombstones");
    Objects.requireNonNull(orphans, "orphans");
  }

  public static RetentionCutoffs of(RetentionPolicy policy, Instant now) {
    return new RetentionCutoffs(
        now.minus(policy.traces()),
        now.minus(policy.frameEvents()),
        now.minus(GRACE),
        policy.artifacts(),
        policy.audit().map(now::minus),
        now.minus(TOMBSTONES),
        now.minus(ORPHANS));
  }
}
