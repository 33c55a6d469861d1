package io.ovpo.core.lifecycle;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fill-in merge of a re-sent span (DESIGN.md section 5): a span may be re-sent to fill fields it
 * lacked (end_time, a status other than UNSET, new attribute keys, parent_span_id), never to change
 * fields already set. Fields absent from the re-send (no end_time, status UNSET, missing attribute
 * keys) keep their stored values.
 */
public final class SpanMerge {
  private SpanMerge() {}

  /** Merges {@code incoming} into {@code existing}, both with the same span_id. */
  public static SpanMergeResult merge(Span existing, Span incoming) {
    Objects.requireNonNull(existing, "existing");
    Objects.requireNonNull(incoming, "incoming");
    if (!existing.spanId().equals(incoming.spanId())) {
      return new SpanMergeResult.Conflict("span_id", "spans with different ids cannot merge");
    }
    if (!existing.traceId().equals(incoming.traceId())) {
      return conflict("trace_id");
    }
    if (existing.spanKind() != incoming.spanKind()) {
      return conflict("span_kind");
    }
    if (!existing.name().equals(incoming.name())) {
      return conflict("name");
    }
    if (!existing.startTime().equals(incoming.startTime())) {
      return conflict("start_time");
    }
    if (changes(existing.parentSpanId(), incoming.parentSpanId())) {
      return conflict("parent_span_id");
    }
    if (changes(existing.endTime(), incoming.endTime())) {
      return conflict("end_time");
    }
    if (existing.status() != SpanStatus.UNSET
        && incoming.status() != SpanStatus.UNSET
        && existing.status() != incoming.status()) {
      return conflict("status");
    }
    TreeMap<String, Object> attributes = new TreeMap<>(existing.attributes().values());
    for (var e : incoming.attributes().values().entrySet()) {
      Object old = attributes.putIfAbsent(e.getKey(), e.getValue());
      if (old != null && !old.equals(e.getValue())) {
        return conflict("attributes." + e.getKey());
      }
    }
    Span merged =
        new Span(
            existing.spanId(),
            existing.traceId(),
            existing.parentSpanId().or(incoming::parentSpanId),
            existing.spanKind(),
            existing.name(),
            existing.startTime(),
            existing.endTime().or(incoming::endTime),
            existing.status() != SpanStatus.UNSET ? existing.status() : incoming.status(),
            Attributes.of(attributes));
    return merged.equals(existing)
        ? new SpanMergeResult.Unchanged()
        : new SpanMergeResult.Merged(merged);
  }

  private static <T> boolean changes(Optional<T> existing, Optional<T> incoming) {
    return existing.isPresent() && incoming.isPresent() && !existing.equals(incoming);
  }

  private static SpanMergeResult conflict(String field) {
    return new SpanMergeResult.Conflict(field, field + " is already set to another value");
  }
}
