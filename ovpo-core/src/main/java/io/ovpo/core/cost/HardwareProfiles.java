package io.ovpo.core.cost;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registry of hardware profiles by name, as configured. Always holds {@link
 * HardwareProfile#defaults()} under "default" unless the configuration replaces it; an unknown name
 * (e.g. a tenant configured with a profile that was since removed) falls back to that.
 */
public final class HardwareProfiles {
  private final Map<String, HardwareProfile> byName;
  private final HardwareProfile fallback;

  /** Later profiles with the same name replace earlier ones. */
  public HardwareProfiles(Collection<HardwareProfile> profiles) {
    TreeMap<String, HardwareProfile> map = new TreeMap<>();
    HardwareProfile d = HardwareProfile.defaults();
    map.put(d.name(), d);
    profiles.forEach(p -> map.put(p.name(), p));
    this.byName = Map.copyOf(map);
    this.fallback = map.get(d.name());
  }

  /** Only the built-in profile. */
  public static HardwareProfiles defaultsOnly() {
    return new HardwareProfiles(List.of());
  }

  /** The profile called {@code name}, or the "default" profile when there is none. */
  public HardwareProfile get(String name) {
    return name == null ? fallback : byName.getOrDefault(name, fallback);
  }

  /** Names of the configured profiles, "default" included. */
  public Set<String> names() {
    return new java.util.TreeSet<>(byName.keySet());
  }
}
