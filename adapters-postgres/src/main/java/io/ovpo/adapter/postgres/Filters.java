package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/**
 * The optional WHERE clauses shared by listings: a half-open time range and tag containment. The
 * parameter names derive from the column ({@code s.start_time} binds {@code :s_start_time_from}).
 */
final class Filters {
  private Filters() {}

  /** Appends {@code [from, to)} conditions on {@code column} for the ends that are set. */
  static void range(StringBuilder sql, String column, TimeRange range) {
    String p = param(column);
    range.from().ifPresent(f -> sql.append(" AND " + column + " >= :" + p + "_from::timestamptz"));
    range.to().ifPresent(t -> sql.append(" AND " + column + " < :" + p + "_to::timestamptz"));
  }

  static void bindRange(Query q, String column, TimeRange range) {
    String p = param(column);
    range.from().ifPresent(f -> q.bind(p + "_from", Sql.ts(f)));
    range.to().ifPresent(t -> q.bind(p + "_to", Sql.ts(t)));
  }

  /**
   * Appends a containment test on {@code column}, a trace's {@code tag_pairs} (migration V1 says
   * why pairs and not the jsonb), served by its GIN index.
   */
  static void tags(StringBuilder sql, String column, Tags tags) {
    if (!tags.isEmpty()) {
      sql.append(" AND " + column + " @> :" + param(column) + "_filter::text[]");
    }
  }

  static void bindTags(Query q, String column, TenantId tenant, Tags tags) {
    if (!tags.isEmpty()) {
      q.bindArray(param(column) + "_filter", String.class, tagPairs(tenant, tags));
    }
  }

  /** The tags as {@code tenant:key=value} elements; unambiguous, keys hold neither ':' nor '='. */
  static List<String> tagPairs(TenantId tenant, Tags tags) {
    List<String> out = new ArrayList<>(tags.values().size());
    tags.values().forEach((k, v) -> out.add(tenant.value() + ":" + k + "=" + v));
    return out;
  }

  private static String param(String column) {
    return column.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
