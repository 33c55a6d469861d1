package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceRecord;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code trace_tags}, the tag filter's index, in step with {@code traces}: same transaction,
 * and only the rows that changed are written (a state update rarely changes tags).
 */
final class TraceTags {
  private TraceTags() {}

  /** Makes the trace's tag rows match {@code r}'s tags and created_at. */
  static void sync(Handle h, TraceRecord r, boolean isNew) {
    List<String> pairs = Filters.tagPairs(r.trace().tags());
    String created = Sql.ts(r.trace().createdAt());
    if (!isNew) {
      h.createUpdate(
              "DELETE FROM trace_tags WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
                  + " AND NOT (pair = ANY(:pairs) AND created_at = :created::timestamptz)")
          .bind("tenant", r.tenantId().value())
          .bind("trace", r.traceId().value())
          .bindArray("pairs", String.class, pairs)
          .bind("created", created)
          .execute();
    }
    if (!pairs.isEmpty()) {
      h.createUpdate(
              "INSERT INTO trace_tags (tenant_id, trace_id, pair, created_at)"
                  + " SELECT :tenant, :trace::uuid, p, :created::timestamptz"
                  + " FROM unnest(:pairs::text[]) p ON CONFLICT DO NOTHING")
          .bind("tenant", r.tenantId().value())
          .bind("trace", r.traceId().value())
          .bindArray("pairs", String.class, pairs)
          .bind("created", created)
          .execute();
    }
  }

  /** Removes the tag rows of these traces. */
  static void delete(Handle h, TenantId tenant, List<String> traceIds) {
    h.createUpdate(
            "DELETE FROM trace_tags WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
        .bind("tenant", tenant.value())
        .bindArray("ids", String.class, traceIds)
        .execute();
  }
}
