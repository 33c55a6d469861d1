package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One stage of a trace. A span may be re-sent to fill fields it lacked ({@code endTime}, a status
 * other than UNSET, new attribute keys), never to change fields already set; that merge rule lives
 * in core.
 */
public record Span(
    SpanId spanId,
    TraceId traceId,
    Optional<SpanId> parentSpanId,
    SpanKind spanKind,
    String name,
    Instant startTime,
    Optional<Instant> endTime,
    SpanStatus status,
    Attributes attributes) {
  public Span {
    Checks.notNull("span_id", spanId);
    Checks.notNull("trace_id", traceId);
    Checks.notNull("parent_span_id", parentSpanId);
    Checks.check(
        parentSpanId.map(p -> !p.equals(spanId)).orElse(true),
        "parent_span_id",
        "must differ from span_id");
    Checks.notNull("span_kind", spanKind);
    Checks.length("name", name, 1, 256);
    Checks.millis("start_time", startTime);
    Checks.notNull("end_time", endTime).ifPresent(t -> Checks.millis("end_time", t));
    endTime.ifPresent(e -> Checks.notBefore("end_time", e, "start_time", startTime));
    Checks.notNull("status", status);
    Checks.notNull("attributes", attributes);
  }

  /** Duration when the span has ended. */
  public Optional<Duration> duration() {
    return endTime.map(e -> Duration.between(startTime, e));
  }
}
