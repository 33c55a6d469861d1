package io.ovpo.ports.bad;

import io.ovpo.core.cost.HardwareProfiles;

/** Breaks the rule on purpose: a port depending on core (DependencyRuleTest must see it). */
public final class UsesCore {
  public HardwareProfiles profiles() {
    return HardwareProfiles.defaultsOnly();
  }
}
