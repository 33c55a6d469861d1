package io.ovpo.ports.in;

import io.ovpo.ports.model.AuditRecord;
import java.util.List;
import java.util.Optional;

/** A page of audit records, newest first; {@code nextCursor} continues below the last one. */
public record AuditPage(List<AuditRecord> records, Optional<String> nextCursor) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
