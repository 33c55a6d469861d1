package io.ovpo.adapter.inmemory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts every entry a store dropped to respect its cap, so memory limits are never silent. */
final class Evictions {
  private final Map<EvictionKind, LongAdder> counts = new EnumMap<>(EvictionKind.class);

  Evictions() {
    for (EvictionKind k : EvictionKind.values()) {
      counts.put(k, new LongAdder());
    }
  }

  void add(EvictionKind kind, long n) {
    if (n > 0) {
      counts.get(kind).add(n);
    }
  }

  long get(EvictionKind kind) {
    return counts.get(kind).sum();
  }

  /** Every counter by its label, sorted. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k.label(), v.sum()));
    return Collections.unmodifiableMap(out);
  }
}
