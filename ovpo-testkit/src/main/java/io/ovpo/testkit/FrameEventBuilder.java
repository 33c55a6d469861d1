package io.ovpo.testkit;

import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Builds valid {@link FrameEvent}s. Defaults: FRAME_GENERATED of frame 0 at 24 fps, observed at T0
 * + frame × 100 ms, no metrics, no GPU sample.
 */
public final class FrameEventBuilder {
  private final Fixtures fx;
  private EventId eventId;
  private final TraceId traceId;
  private Optional<SpanId> spanId = Optional.empty();
  private EventType type = EventType.FRAME_GENERATED;
  private long frame;
  private Long mediaTimeMs;
  private Instant observedAt;
  private QualityMetrics metrics = QualityMetrics.empty();
  private Optional<GpuSample> gpu = Optional.empty();
  private Optional<ArtifactRef> thumbnail = Optional.empty();
  private Attributes attributes = Attributes.empty();

  FrameEventBuilder(Fixtures fx, TraceId traceId) {
    this.fx = fx;
    this.eventId = fx.eventId();
    this.traceId = traceId;
  }

  public FrameEventBuilder id(EventId id) {
    this.eventId = id;
    return this;
  }

  public FrameEventBuilder type(EventType t) {
    this.type = t;
    return this;
  }

  public FrameEventBuilder frame(long index) {
    this.frame = index;
    return this;
  }

  public FrameEventBuilder mediaTimeMs(long ms) {
    this.mediaTimeMs = ms;
    return this;
  }

  public FrameEventBuilder observedAt(Instant t) {
    this.observedAt = t;
    return this;
  }

  public FrameEventBuilder span(SpanId id) {
    this.spanId = Optional.of(id);
    return this;
  }

  public FrameEventBuilder gpu(double vramMb, double utilizationPct) {
    this.gpu = Optional.of(new GpuSample(vramMb, utilizationPct, OptionalDouble.empty()));
    return this;
  }

  /** Same readings with a temperature when {@code temperatureC} is present. */
  public FrameEventBuilder gpu(double vramMb, double utilizationPct, OptionalDouble temperatureC) {
    this.gpu = Optional.of(new GpuSample(vramMb, utilizationPct, temperatureC));
    return this;
  }

  /** Adds (or replaces) one quality metric. */
  public FrameEventBuilder metric(String name, double value) {
    Map<String, Double> values = new java.util.TreeMap<>(metrics.values());
    values.put(name, value);
    this.metrics = new QualityMetrics(values);
    return this;
  }

  /** Fills every optional field (for round-trip tests). */
  public FrameEventBuilder full() {
    this.spanId = Optional.of(fx.spanId());
    this.metrics =
        new QualityMetrics(
            Map.of(
                QualityMetrics.CLIP_SIMILARITY,
                0.31,
                QualityMetrics.AESTHETIC_SCORE,
                6.25,
                QualityMetrics.TEMPORAL_CONSISTENCY,
                0.875,
                "flicker",
                0.02));
    this.gpu = Optional.of(new GpuSample(61_440.5, 97.5, OptionalDouble.of(71.0)));
    this.thumbnail =
        Optional.of(
            new ArtifactRef(
                fx.artifactId(),
                ArtifactKind.THUMBNAIL,
                "ovpo://thumbs/" + fx.uuid() + ".webp",
                "image/webp",
                18_432,
                Optional.of(fx.hex64()),
                OptionalInt.of(720)));
    this.attributes =
        Attributes.of(Map.of("custom.sampler_step", 49L, "custom.nsfw_checked", true));
    return this;
  }

  public FrameEvent build() {
    return new FrameEvent(
        eventId,
        traceId,
        spanId,
        type,
        frame,
        mediaTimeMs != null ? mediaTimeMs : Math.round(frame * 1000 / 24.0),
        observedAt != null ? observedAt : Fixtures.T0.plusMillis(frame * 100),
        metrics,
        gpu,
        thumbnail,
        attributes);
  }

  /** The event as the processor stores it, received 50 ms after it was observed. */
  public StoredFrameEvent stored() {
    FrameEvent e = build();
    return new StoredFrameEvent(e, e.observedAt().plusMillis(50));
  }
}
