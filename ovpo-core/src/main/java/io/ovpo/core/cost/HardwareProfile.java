package io.ovpo.core.cost;

import io.ovpo.ports.model.SpanKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Hardware factor profile for compute units: how much one second of a span on a GPU type counts,
 * relative to one H100 second (factor 1.0), and a weight per span kind. Profiles are configuration
 * with a version; every {@code ComputeCost} records the name and version that produced it.
 *
 * @param gpuFactors factor per normalized GPU type (see {@link #normalize}); keys are normalized on
 *     construction
 * @param defaultFactor factor of a GPU type the profile does not list, and of traces that only give
 *     a pipeline_config_ref
 * @param spanKindWeights weight per span kind; a missing kind weighs 1.0
 */
public record HardwareProfile(
    String name,
    String version,
    Map<String, Double> gpuFactors,
    double defaultFactor,
    Map<SpanKind, Double> spanKindWeights) {

  public HardwareProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (name.isEmpty() || name.length() > 128) {
      throw new IllegalArgumentException("profile name must be 1..128 characters");
    }
    if (version.isEmpty() || version.length() > 64) {
      throw new IllegalArgumentException("profile version must be 1..64 characters");
    }
    TreeMap<String, Double> factors = new TreeMap<>();
    Objects.requireNonNull(gpuFactors, "gpuFactors")
        .forEach(
            (type, factor) -> {
              String key = normalize(Objects.requireNonNull(type, "gpu type"));
              if (key.isEmpty()) {
                throw new IllegalArgumentException("gpu type must not be blank");
              }
              factors.put(key, checkFactor("gpu factor of " + type, factor));
            });
    gpuFactors = Collections.unmodifiableSortedMap(factors);
    checkFactor("default factor", defaultFactor);
    EnumMap<SpanKind, Double> weights = new EnumMap<>(SpanKind.class);
    Objects.requireNonNull(spanKindWeights, "spanKindWeights")
        .forEach(
            (kind, w) ->
                weights.put(
                    Objects.requireNonNull(kind, "span kind"),
                    checkFactor("weight of " + kind, w)));
    spanKindWeights = Collections.unmodifiableMap(weights);
  }

  /**
   * The built-in profile "default", version "2026.11". Factors are rough dense BF16 throughput
   * relative to an H100 SXM for diffusion workloads. LOAD and OUTPUT_ENCODE weigh 0.5: loading
   * weights is bound by disk and PCIe, and muxing/encoding the video runs mostly on CPU or the
   * fixed-function encoder, so a second there occupies the GPU far less than a sampling second.
   */
  public static HardwareProfile defaults() {
    return Defaults.PROFILE;
  }

  /**
   * Reads a profile from JDK properties: {@code name}, {@code version}, {@code default_factor}
   * (default 0.5), {@code gpu.<type>=<factor>} and {@code weight.<SPAN_KIND>=<weight>}. Unknown
   * keys are rejected so a typo does not silently fall back to defaults.
   *
   * @throws IllegalArgumentException naming the offending key
   */
  public static HardwareProfile fromProperties(Properties properties) {
    return ProfileProperties.parse(properties);
  }

  /** Factor of {@code gpuType}, or {@link #defaultFactor} when the profile does not list it. */
  public double factorFor(String gpuType) {
    return gpuFactors.getOrDefault(normalize(gpuType), defaultFactor);
  }

  /** Weight of a span kind; 1.0 when the profile does not list it. */
  public double weightFor(SpanKind kind) {
    return spanKindWeights.getOrDefault(kind, 1.0);
  }

  /**
   * Normalized GPU type: lower case, with spaces, underscores and dashes removed ({@code "RTX
   * 4090"} → {@code "rtx4090"}, {@code "A10G"} → {@code "a10g"}).
   */
  public static String normalize(String gpuType) {
    return gpuType.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
  }

  private static double checkFactor(String what, Double value) {
    if (value == null || !Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          what + " must be a finite number >= 0 (was " + value + ")");
    }
    return value;
  }
}
