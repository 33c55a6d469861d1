package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Compute units of a trace: Σ over ended spans of duration_sec × hardware factor × span-kind
 * weight, with the hardware profile that produced the numbers. No currency.
 */
public record ComputeCost(
    double computeUnits,
    Map<SpanKind, Double> bySpanKind,
    String profileName,
    String profileVersion) {
  public ComputeCost {
    Checks.range("compute_units", computeUnits, 0, Double.MAX_VALUE);
    Checks.notNull("by_span_kind", bySpanKind);
    EnumMap<SpanKind, Double> copy = new EnumMap<>(SpanKind.class);
    copy.putAll(bySpanKind);
    bySpanKind = Collections.unmodifiableMap(copy);
    Checks.length("profile_name", profileName, 1, 128);
    Checks.length("profile_version", profileVersion, 1, 64);
  }
}
