package io.ovpo.adapter.fakeb;

import io.ovpo.core.cost.HardwareProfiles;

/** Breaks the rule on purpose: an adapter using core (DependencyRuleTest must see it). */
public final class UsesCore {
  public HardwareProfiles profiles() {
    return HardwareProfiles.defaultsOnly();
  }
}
