package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a tenant's data is kept. Defaults: frame events 180 days, traces and spans 2 years (730
 * days), ephemeral artifacts 30 days (plus a 24 h grace applied by the engine), audit kept unless
 * configured.
 */
public record RetentionPolicy(
    Duration frameEvents, Duration traces, Duration artifacts, Optional<Duration> audit) {
  public static final RetentionPolicy DEFAULT =
      new RetentionPolicy(
          Duration.ofDays(180), Duration.ofDays(730), Duration.ofDays(30), Optional.empty());

  public RetentionPolicy {
    Checks.notNull("frame_events", frameEvents);
    Checks.notNull("traces", traces);
    Checks.notNull("artifacts", artifacts);
    Checks.notNull("audit", audit);
    Checks.check(
        !frameEvents.isNegative() && !frameEvents.isZero(), "frame_events", "must be positive");
    Checks.check(!traces.isNegative() && !traces.isZero(), "traces", "must be positive");
    Checks.check(!artifacts.isNegative() && !artifacts.isZero(), "artifacts", "must be positive");
  }
}
