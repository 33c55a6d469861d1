package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TraceRecord;
import java.time.Instant;

/**
 * Position in the trace list, ordered created_at DESC then trace_id DESC. The id is a string so
 * that the empty id can stand for "after every trace created at that instant".
 */
record ListKey(Instant createdAt, String id) implements Comparable<ListKey> {
  static ListKey of(TraceRecord r) {
    return new ListKey(r.trace().createdAt(), r.traceId().value());
  }

  static ListKey of(PageKey k) {
    return new ListKey(k.lastTimestamp(), k.lastId().value());
  }

  /** Sorts after every trace created at or after {@code t}: the first key is created before t. */
  static ListKey before(Instant t) {
    return new ListKey(t, "");
  }

  @Override
  public int compareTo(ListKey o) {
    int c = o.createdAt.compareTo(createdAt);
    return c != 0 ? c : o.id.compareTo(id);
  }
}
