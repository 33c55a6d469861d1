package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * An audit event as stored: its place in the tenant's chain and the hashes linking it to the record
 * before ({@code previousHash} of the first record is 64 zeros). {@code recordHash} is the SHA-256
 * of the canonical JSON of the event, sequence and previous hash (core computes it).
 */
public record AuditRecord(AuditEvent event, long sequence, String previousHash, String recordHash) {
  public static final String GENESIS_HASH = "0".repeat(64);

  public AuditRecord {
    Checks.notNull("event", event);
    Checks.range("sequence", sequence, 1, Long.MAX_VALUE);
    Checks.matches("previous_hash", previousHash, Checks.HEX64);
    Checks.matches("record_hash", recordHash, Checks.HEX64);
  }
}
