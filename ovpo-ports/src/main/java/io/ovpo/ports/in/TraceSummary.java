package io.ovpo.ports.in;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.SpanKind;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Computed view of a trace for the detail endpoint.
 *
 * @param totalDurationMs ended_at − started_at (or created_at), when the trace has ended
 * @param spanBreakdownPct share of summed ended-span time per kind, percentages adding to 100
 * @param frameCount distinct frame_index values of FRAME_GENERATED events (FRAME_DECODED when there
 *     are none)
 * @param observedFps frames per second of media time actually observed, when measurable
 */
public record TraceSummary(
    OptionalLong totalDurationMs,
    Map<SpanKind, Double> spanBreakdownPct,
    OptionalDouble peakVramMb,
    OptionalDouble avgGpuUtilizationPct,
    long frameCount,
    long eventCount,
    OptionalDouble observedFps,
    Optional<ComputeCost> computeUnits,
    Completeness completeness) {
  public TraceSummary {
    spanBreakdownPct = Map.copyOf(spanBreakdownPct);
  }
}
