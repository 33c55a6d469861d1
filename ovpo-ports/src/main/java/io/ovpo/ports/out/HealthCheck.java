package io.ovpo.ports.out;

import io.ovpo.ports.model.HealthStatus;

/** Every out-port reports whether its backend is reachable; {@code check()} never throws. */
public interface HealthCheck {
  HealthStatus check();
}
