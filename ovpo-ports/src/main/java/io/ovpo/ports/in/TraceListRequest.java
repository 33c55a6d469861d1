package io.ovpo.ports.in;

import io.ovpo.ports.internal.Checks;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceStatus;
import java.util.Optional;
import java.util.Set;

/** Filters and page of {@code GET /v1/traces}; the cursor is the opaque string of the last page. */
public record TraceListRequest(
    Set<TraceStatus> statuses, TimeRange createdAt, Tags tags, int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 50;

  public TraceListRequest {
    statuses = Set.copyOf(statuses);
    Checks.notNull("created_at", createdAt);
    Checks.notNull("tags", tags);
    Checks.range("limit", limit, 1, 200);
    Checks.notNull("cursor", cursor);
  }
}
