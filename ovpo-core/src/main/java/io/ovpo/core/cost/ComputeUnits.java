package io.ovpo.core.cost;

import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.Trace;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/**
 * Compute units of a trace (DESIGN.md section 5): Σ over ended spans of duration_sec ×
 * factor(gpu_type) × gpu_count × weight(span_kind). A trace that names its pipeline only by
 * pipeline_config_ref carries no hardware, so it gets the profile's default factor and one GPU.
 * Spans of other traces and spans without end_time are left out. No currency.
 */
public final class ComputeUnits {
  private ComputeUnits() {}

  /** The cost, or empty when no span of the trace has ended yet. */
  public static Optional<ComputeCost> compute(
      HardwareProfile profile, Trace trace, List<Span> spans) {
    Optional<Hardware> hardware = trace.pipelineConfig().map(PipelineConfig::hardware);
    double perSecond =
        hardware
            .map(h -> profile.factorFor(h.gpuType()) * h.gpuCount())
            .orElse(profile.defaultFactor());
    EnumMap<SpanKind, Double> byKind = new EnumMap<>(SpanKind.class);
    boolean anyEnded = false;
    for (Span span : spans) {
      if (!span.traceId().equals(trace.traceId()) || span.endTime().isEmpty()) {
        continue;
      }
      anyEnded = true;
      Duration d = span.duration().orElseThrow();
      double seconds = d.getSeconds() + d.getNano() / 1e9;
      double units = seconds * perSecond * profile.weightFor(span.spanKind());
      byKind.merge(span.spanKind(), units, Double::sum);
    }
    if (!anyEnded) {
      return Optional.empty();
    }
    double total = 0;
    for (double v : byKind.values()) {
      total += v;
    }
    return Optional.of(new ComputeCost(total, byKind, profile.name(), profile.version()));
  }
}
