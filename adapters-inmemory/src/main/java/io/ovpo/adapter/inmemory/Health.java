package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;

/** In-memory stores are always reachable. */
final class Health {
  static final String COMPONENT = "inmemory";
  private static final HealthStatus UP = HealthStatus.up(COMPONENT);

  private Health() {}

  static HealthStatus up() {
    return UP;
  }
}
