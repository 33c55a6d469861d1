package io.ovpo.testkit;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Builds valid {@link Span}s. Defaults: a SAMPLING span starting at T0, ended 1.5 s later, OK. */
public final class SpanBuilder {
  private SpanId spanId;
  private final TraceId traceId;
  private Optional<SpanId> parent = Optional.empty();
  private SpanKind kind = SpanKind.SAMPLING;
  private String name = "denoise";
  private Instant start = Fixtures.T0;
  private Optional<Long> durationMs = Optional.of(1500L);
  private SpanStatus status = SpanStatus.OK;
  private Attributes attributes = Attributes.empty();

  SpanBuilder(Fixtures fx, TraceId traceId) {
    this.spanId = fx.spanId();
    this.traceId = traceId;
  }

  public SpanBuilder id(SpanId id) {
    this.spanId = id;
    return this;
  }

  public SpanBuilder parent(SpanId p) {
    this.parent = Optional.of(p);
    return this;
  }

  public SpanBuilder kind(SpanKind k) {
    this.kind = k;
    this.name = k.name().toLowerCase(java.util.Locale.ROOT);
    return this;
  }

  public SpanBuilder name(String n) {
    this.name = n;
    return this;
  }

  public SpanBuilder start(Instant t) {
    this.start = t;
    return this;
  }

  public SpanBuilder durationMs(long ms) {
    this.durationMs = Optional.of(ms);
    return this;
  }

  /** Not ended yet: no end_time, status UNSET. */
  public SpanBuilder open() {
    this.durationMs = Optional.empty();
    this.status = SpanStatus.UNSET;
    return this;
  }

  public SpanBuilder status(SpanStatus s) {
    this.status = s;
    return this;
  }

  public SpanBuilder attributes(Map<String, Object> values) {
    this.attributes = Attributes.of(values);
    return this;
  }

  public Span build() {
    return new Span(
        spanId,
        traceId,
        parent,
        kind,
        name,
        start,
        durationMs.map(start::plusMillis),
        status,
        attributes);
  }
}
