package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * Keyset position in the trace list: the (created_at, trace_id) of the last item returned. The next
 * page holds items strictly after it in (created_at DESC, trace_id DESC) order.
 */
public record PageKey(Instant lastTimestamp, TraceId lastId) {
  public PageKey {
    Checks.notNull("last_timestamp", lastTimestamp);
    Checks.notNull("last_id", lastId);
  }
}
