package io.ovpo.core.cost;

import io.ovpo.ports.model.SpanKind;
import java.util.Map;

/** The built-in hardware profile; see {@link HardwareProfile#defaults()} for the reasoning. */
final class Defaults {
  static final HardwareProfile PROFILE =
      new HardwareProfile(
          "default",
          "2026.11",
          Map.ofEntries(
              Map.entry("B200", 1.8),
              Map.entry("H200", 1.2),
              Map.entry("H100", 1.0),
              Map.entry("GH200", 1.2),
              Map.entry("A100", 0.6),
              Map.entry("L40S", 0.45),
              Map.entry("L40", 0.4),
              Map.entry("RTX 4090", 0.35),
              Map.entry("V100", 0.25),
              Map.entry("A10G", 0.2),
              Map.entry("A10", 0.2),
              Map.entry("RTX 3090", 0.2),
              Map.entry("L4", 0.15),
              Map.entry("T4", 0.08),
              Map.entry("CPU", 0.02)),
          0.5,
          Map.of(SpanKind.LOAD, 0.5, SpanKind.OUTPUT_ENCODE, 0.5));

  private Defaults() {}
}
