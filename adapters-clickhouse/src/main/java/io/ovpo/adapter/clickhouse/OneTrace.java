package io.ovpo.adapter.clickhouse;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.util.List;

/**
 * One trace's rows of {@code frame_events} with every row counted once, as a subquery: grouped by
 * the sorting key, each other column taken from the first write ({@code argMax} by version, see
 * V1__frame_events.sql). Rows that no merge has collapsed yet are read once. At 51 M rows this
 * costs half of what {@code FINAL} does for one trace (31 against 64 ms, docs/benchmarks.md).
 */
final class OneTrace {
  private static final String KEY = "trace_id, event_type, frame_index, event_id";

  private OneTrace() {}

  /**
   * {@code (SELECT trace_id, event_type, frame_index, event_id, <columns> ...)}: the sorting key
   * plus {@code columns} (none of the key's), under their own names.
   */
  static String rows(String db, TenantId tenant, TraceId trace, List<String> columns) {
    StringBuilder sql = new StringBuilder("(SELECT ").append(KEY);
    for (String c : columns) {
      sql.append(", argMax(").append(c).append(", version) AS ").append(c);
    }
    return sql.append(" FROM ")
        .append(db)
        .append(".frame_events WHERE tenant_id = ")
        .append(Sql.literal(tenant.value()))
        .append(" AND trace_id = ")
        .append(Sql.literal(trace.value()))
        .append(" GROUP BY ")
        .append(KEY)
        .append(")")
        .toString();
  }
}
