package io.ovpo.ports.in;

import io.ovpo.ports.model.TraceRecord;
import java.util.List;
import java.util.Optional;

/** A page of traces: {@code nextCursor} is present exactly when {@code hasMore}. */
public record TraceListResult(
    List<TraceRecord> data, boolean hasMore, Optional<String> nextCursor) {
  public TraceListResult {
    data = List.copyOf(data);
    if (hasMore != nextCursor.isPresent()) {
      throw new IllegalArgumentException("next_cursor is present exactly when has_more");
    }
  }
}
