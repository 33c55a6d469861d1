package io.ovpo.adapter.fakea;

import io.ovpo.adapter.inmemory.InMemoryAdapters;

/** Breaks the rule on purpose: one adapter using another (DependencyRuleTest must see it). */
public final class UsesOtherAdapter {
  public InMemoryAdapters memory() {
    return InMemoryAdapters.builder().build();
  }
}
