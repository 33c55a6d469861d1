package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * The hardware a job ran on; {@code gpuType} selects the factor in the hardware profile.
 *
 * @param gpuType free text such as {@code H100} or {@code RTX 4090}, 1 to 64 characters
 * @param gpuCount 1 to 1024
 */
public record Hardware(String gpuType, int gpuCount) {
  public Hardware {
    Checks.length("pipeline_config.hardware.gpu_type", gpuType, 1, 64);
    Checks.range("pipeline_config.hardware.gpu_count", gpuCount, 1, 1024);
  }
}
