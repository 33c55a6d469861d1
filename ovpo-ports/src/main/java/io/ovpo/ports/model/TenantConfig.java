package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/**
 * Per-tenant settings an admin may change: rate-limit tier name, hardware profile name for compute
 * units, whether new traces start under legal hold, and retention.
 */
public record TenantConfig(
    String rateTier, String hardwareProfile, boolean defaultLegalHold, RetentionPolicy retention) {
  public static final TenantConfig DEFAULT =
      new TenantConfig("default", "default", false, RetentionPolicy.DEFAULT);

  public TenantConfig {
    Checks.length("rate_tier", rateTier, 1, 64);
    Checks.length("hardware_profile", hardwareProfile, 1, 128);
    Checks.notNull("retention", retention);
  }
}
