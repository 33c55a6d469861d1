package io.ovpo.app.query;

import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Parameters of {@code GET /v1/traces} (spec 05 §2). */
final class TraceListParams {
  static final Set<String> ALLOWED = Set.of("status", "from", "to", "tag", "limit", "cursor");
  static final int MAX_LIMIT = 200;

  private TraceListParams() {}

  static TraceListRequest parse(QueryParams p) {
    Set<TraceStatus> statuses = statuses(p);
    Optional<Instant> from = p.time("from");
    Optional<Instant> to = p.time("to");
    int limit = p.integer("limit", 1, MAX_LIMIT).orElse(TraceListRequest.DEFAULT_LIMIT);
    return new TraceListRequest(
        statuses, Ranges.of(from, to), TagFilter.parse(p.all("tag")), limit, p.cursor("cursor"));
  }

  /** Comma-separated values, or the parameter repeated, or both. */
  private static Set<TraceStatus> statuses(QueryParams p) {
    Set<TraceStatus> out = EnumSet.noneOf(TraceStatus.class);
    for (String value : p.all("status")) {
      for (String s : value.split(",", -1)) {
        if (s.isEmpty() && value.isEmpty()) {
          continue;
        }
        try {
          out.add(TraceStatus.valueOf(s));
        } catch (IllegalArgumentException e) {
          throw QueryParams.invalid(
              "parameter 'status' must list PENDING, RUNNING, COMPLETED, FAILED, PARTIAL or"
                  + " CANCELLED");
        }
      }
    }
    return out;
  }
}
