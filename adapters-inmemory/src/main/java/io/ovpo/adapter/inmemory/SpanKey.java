package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.Span;
import java.time.Instant;

/** Orders spans by start_time then span_id; the empty id sorts before every span of an instant. */
record SpanKey(Instant start, String id) implements Comparable<SpanKey> {
  static SpanKey of(Span s) {
    return new SpanKey(s.startTime(), s.spanId().value());
  }

  static SpanKey first(Instant t) {
    return new SpanKey(t, "");
  }

  @Override
  public int compareTo(SpanKey o) {
    int c = start.compareTo(o.start);
    return c != 0 ? c : id.compareTo(o.id);
  }
}
