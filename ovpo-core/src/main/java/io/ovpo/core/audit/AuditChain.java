package io.ovpo.core.audit;

import io.ovpo.core.internal.JsonText;
import io.ovpo.core.internal.Sha256;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tamper-evident audit chain: each record's hash covers its event, its sequence and the hash of
 * the record before it, so altering, removing or reordering a stored record breaks every later
 * link. The hash input is canonical JSON (keys sorted, no whitespace, optional fields omitted,
 * escaping as in {@link JsonText}, timestamp {@code yyyy-MM-ddTHH:mm:ss.SSSZ}); any implementation
 * that writes the same bytes can verify a chain independently.
 */
public final class AuditChain {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /**
   * Canonical JSON of {action, actor_id, actor_ip?, details, previous_hash, resource?, sequence,
   * tenant_id, timestamp, user_agent?}.
   */
  public static String canonicalJson(AuditEvent event, long sequence, String previousHash) {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "action").append(JsonText.quote(event.action().name()));
    field(b, "actor_id").append(JsonText.quote(event.actorId()));
    event.actorIp().ifPresent(ip -> field(b, "actor_ip").append(JsonText.quote(ip)));
    field(b, "details").append('{');
    boolean first = true;
    for (var e : event.details().entrySet()) { // sorted by key (AuditEvent keeps a sorted map)
      if (!first) {
        b.append(',');
      }
      first = false;
      JsonText.string(b, e.getKey()).append(':');
      JsonText.string(b, e.getValue());
    }
    b.append('}');
    field(b, "previous_hash").append(JsonText.quote(previousHash));
    // "resource", the record's field name (spec 07 §3), so that any client can recompute the hash
    event.resourceId().ifPresent(r -> field(b, "resource").append(JsonText.quote(r)));
    field(b, "sequence").append(sequence);
    field(b, "tenant_id").append(JsonText.quote(event.tenantId().value()));
    field(b, "timestamp").append(JsonText.quote(TIMESTAMP.format(event.timestamp())));
    event.userAgent().ifPresent(ua -> field(b, "user_agent").append(JsonText.quote(ua)));
    return b.append('}').toString();
  }

  /** Hash of a record's content: SHA-256 hex of its canonical JSON in UTF-8. */
  public static String recordHash(AuditEvent event, long sequence, String previousHash) {
    return Sha256.hex(canonicalJson(event, sequence, previousHash));
  }

  /**
   * The record that appends {@code event} after {@code head} (the tenant's latest record, empty for
   * the first one).
   *
   * @throws IllegalArgumentException when {@code head} belongs to another tenant
   */
  public static AuditRecord link(Optional<AuditRecord> head, AuditEvent event) {
    head.ifPresent(
        h -> {
          if (!h.event().tenantId().equals(event.tenantId())) {
            throw new IllegalArgumentException("audit chains are per tenant");
          }
        });
    long sequence = head.map(h -> h.sequence() + 1).orElse(1L);
    String previous = head.map(AuditRecord::recordHash).orElse(AuditRecord.GENESIS_HASH);
    return new AuditRecord(event, sequence, previous, recordHash(event, sequence, previous));
  }

  /**
   * Walks records in ascending sequence order from sequence 1 and reports the first broken link: a
   * gap or repeat in the sequence, a previous_hash that is not the hash of the record before, or a
   * record_hash that does not match the record's content. {@code recordsChecked} counts the records
   * examined, the broken one included.
   */
  public static AuditVerification verify(Iterable<AuditRecord> ascending) {
    return verify(ascending, false);
  }

  /**
   * Like {@link #verify(Iterable)}, for a chain that audit retention may have shortened from its
   * oldest end (spec 07 §5): the oldest record present is the trusted anchor, whatever its
   * sequence, and its {@code previous_hash} is taken as given; every link after it is checked.
   */
  public static AuditVerification verifyRetained(Iterable<AuditRecord> ascending) {
    return verify(ascending, true);
  }

  private static AuditVerification verify(Iterable<AuditRecord> ascending, boolean anchored) {
    long expected = 1;
    String previous = AuditRecord.GENESIS_HASH;
    long checked = 0;
    for (AuditRecord r : ascending) {
      if (anchored && checked == 0) {
        expected = r.sequence();
        previous = r.previousHash();
      }
      checked++;
      if (r.sequence() != expected) {
        return broken(checked, r, "expected sequence " + expected + ", found " + r.sequence());
      }
      if (!r.previousHash().equals(previous)) {
        return broken(checked, r, "previous_hash does not match the record before");
      }
      if (!r.recordHash().equals(recordHash(r.event(), r.sequence(), r.previousHash()))) {
        return broken(checked, r, "record_hash does not match the record's content");
      }
      previous = r.recordHash();
      expected++;
    }
    return new AuditVerification(
        true, checked, OptionalLong.empty(), checked + " records, chain intact");
  }

  private static AuditVerification broken(long checked, AuditRecord r, String detail) {
    return new AuditVerification(
        false, checked, OptionalLong.of(r.sequence()), "record " + r.sequence() + ": " + detail);
  }

  private static StringBuilder field(StringBuilder b, String name) {
    if (b.length() > 1) {
      b.append(',');
    }
    return JsonText.string(b, name).append(':');
  }
}
