package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.OptionalDouble;

/**
 * GPU readings taken with a frame event.
 *
 * @param vramUsedMb memory in use, MiB, at least 0
 * @param gpuUtilizationPct utilization, 0 to 100
 * @param temperatureC core temperature, -50 to 150 °C, when reported
 */
public record GpuSample(double vramUsedMb, double gpuUtilizationPct, OptionalDouble temperatureC) {
  public GpuSample {
    Checks.range("gpu.vram_used_mb", vramUsedMb, 0, Double.MAX_VALUE);
    Checks.range("gpu.gpu_utilization_pct", gpuUtilizationPct, 0, 100);
    Checks.notNull("gpu.temperature_c", temperatureC);
    temperatureC.ifPresent(t -> Checks.range("gpu.temperature_c", t, -50, 150));
  }
}
