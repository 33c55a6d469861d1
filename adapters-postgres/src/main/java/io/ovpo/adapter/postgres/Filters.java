package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/**
 * The optional WHERE clauses shared by listings: a half-open time range, and required tags as
 * lookups in {@code trace_tags} (migration V1 says why not jsonb containment). The parameter names
 * derive from the column ({@code s.start_time} binds {@code :s_start_time_from}).
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
   * Appends one {@code EXISTS} on {@code trace_tags} per tag from the {@code first}-th on (sorted
   * by key), for the trace identified by {@code tenantColumn} and {@code traceColumn}. Bind with
   * {@link #bindTags}.
   */
  static void tags(
      StringBuilder sql, String tenantColumn, String traceColumn, Tags tags, int first) {
    for (int i = first; i < tags.values().size(); i++) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM trace_tags g"
              + i
              + " WHERE g"
              + i
              + ".tenant_id = "
              + tenantColumn
              + " AND g"
              + i
              + ".trace_id = "
              + traceColumn
              + " AND g"
              + i
              + ".pair = :tag_"
              + i
              + ")");
    }
  }

  /** Binds {@code :tag_0}, {@code :tag_1}, ... to the tags' pairs, sorted by key. */
  static void bindTags(Query q, Tags tags) {
    List<String> pairs = tagPairs(tags);
    for (int i = 0; i < pairs.size(); i++) {
      q.bind("tag_" + i, pairs.get(i));
    }
  }

  /** The tags as {@code key=value} strings, sorted by key; unambiguous, keys cannot hold '='. */
  static List<String> tagPairs(Tags tags) {
    List<String> out = new ArrayList<>(tags.values().size());
    tags.values().forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /** The parameter name for a column: without its table alias, quotes made underscores. */
  private static String param(String column) {
    return column.substring(column.indexOf('.') + 1).replaceAll("[^A-Za-z0-9_]", "_");
  }
}
