package io.ovpo.ports.out;

import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit trail, one hash chain per tenant. Records are never updated, and deleted
 * only by audit retention ({@link #deleteBefore}). Appends use the chain head as a compare-and-set:
 * a record is stored only if its sequence is the next one.
 */
public interface AuditLog extends HealthCheck {
  /** The tenant's newest record. */
  Optional<AuditRecord> head(TenantId tenant);

  /**
   * Appends the record if {@code record.sequence()} is the head's sequence + 1 (1 for an empty
   * chain); false when another append took that sequence first (re-read the head and retry).
   */
  boolean append(AuditRecord record);

  /** Newest first, filtered, below {@code query.beforeSequence()}. */
  List<AuditRecord> list(AuditQuery query);

  /** Oldest first from {@code fromSequence} (inclusive), for chain verification. */
  List<AuditRecord> ascending(TenantId tenant, long fromSequence, int limit);

  /**
   * Audit retention (spec 07 §6): deletes the tenant's oldest records, in sequence order, while
   * their timestamp is before {@code cutoff}, so what remains is a suffix of the chain. The newest
   * record is never deleted: it anchors the next append. Returns how many went.
   */
  int deleteBefore(TenantId tenant, Instant cutoff);
}
