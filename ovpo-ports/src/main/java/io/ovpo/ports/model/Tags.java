package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tags of a trace: at most 64 string pairs, keys {@code ^[a-z0-9_.-]{1,64}$}, values at most 256
 * characters. Kept sorted by key so equal tag sets compare and serialize identically.
 */
public record Tags(Map<String, String> values) {
  public static final int MAX_TAGS = 64;
  public static final int MAX_VALUE_LENGTH = 256;
  public static final Pattern KEY = Pattern.compile("^[a-z0-9_.-]{1,64}$");
  private static final Tags EMPTY = new Tags(Map.of());

  public Tags {
    Checks.maxSize("tags", values, MAX_TAGS);
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          Checks.matches("tags", k, KEY);
          Checks.length("tags." + k, v, 0, MAX_VALUE_LENGTH);
          copy.put(k, v);
        });
    values = Collections.unmodifiableSortedMap(copy);
  }

  public static Tags empty() {
    return EMPTY;
  }

  public static Tags of(Map<String, String> values) {
    return new Tags(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** True when every pair of {@code required} is present here with the same value. */
  public boolean containsAll(Tags required) {
    return required.values.entrySet().stream()
        .allMatch(e -> e.getValue().equals(values.get(e.getKey())));
  }
}
