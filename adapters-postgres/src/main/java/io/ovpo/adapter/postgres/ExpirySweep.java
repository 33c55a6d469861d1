package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Bounded clean-up of expired rows of one tenant, run now and then by the store that owns the
 * table. Reads already ignore expired rows; this only keeps the table from growing without end,
 * without a cross-tenant job (which row-level security would not allow the runtime role anyway).
 */
final class ExpirySweep {
  private static final int EVERY = 64;
  private static final int BATCH = 1_000;

  private final String sql;
  private final AtomicLong calls = new AtomicLong();

  ExpirySweep(String table) {
    this.sql =
        "DELETE FROM "
            + table
            + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
            + table
            + " WHERE tenant_id = :tenant AND expires_at < :now::timestamptz LIMIT "
            + BATCH
            + "))";
  }

  /** On every {@value #EVERY}th call, deletes up to {@value #BATCH} rows expired at {@code now}. */
  void maybeRun(Handle h, TenantId tenant, Instant now) {
    if (calls.incrementAndGet() % EVERY == 0) {
      h.createUpdate(sql).bind("tenant", tenant.value()).bind("now", Sql.ts(now)).execute();
    }
  }
}
