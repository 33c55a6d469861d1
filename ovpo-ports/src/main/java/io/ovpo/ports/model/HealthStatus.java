package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Whether a backend is reachable, for {@code /ready}; never thrown, always returned. */
public record HealthStatus(String component, boolean up, String detail) {
  public HealthStatus {
    Checks.length("component", component, 1, 64);
    Checks.notNull("detail", detail);
  }

  public static HealthStatus up(String component) {
    return new HealthStatus(component, true, "ok");
  }

  public static HealthStatus down(String component, String detail) {
    return new HealthStatus(component, false, detail);
  }
}
