package io.ovpo.ports.model;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Namespaced attributes of a trace, span or frame event. Keys start with {@code ovpo.} (reserved
 * for names the spec defines) or {@code custom.}; values are a string (at most 4096 chars), a
 * number ({@link Long} or {@link Double}), a boolean, or a list of at most 128 of those. Numbers
 * are normalized to Long/Double on construction so equality does not depend on the parser.
 */
public record Attributes(Map<String, Object> values) {
  public static final int MAX_ATTRIBUTES = 128;
  public static final int MAX_STRING_LENGTH = 4096;
  public static final int MAX_ARRAY_LENGTH = 128;
  public static final Pattern KEY = Pattern.compile("^(ovpo|custom)\\.[A-Za-z0-9_.-]{1,123}$");
  private static final Attributes EMPTY = new Attributes(Map.of());

  public Attributes {
    Checks.maxSize("attributes", values, MAX_ATTRIBUTES);
    TreeMap<String, Object> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k == null || !KEY.matcher(k).matches()) {
            throw new InvalidValueException(
                "attributes",
                "key '" + k + "' must start with 'ovpo.' or 'custom.' and match " + KEY.pattern());
          }
          copy.put(k, normalize("attributes." + k, v, true));
        });
    values = Collections.unmodifiableSortedMap(copy);
  }

  public static Attributes empty() {
    return EMPTY;
  }

  public static Attributes of(Map<String, Object> values) {
    return new Attributes(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  private static Object normalize(String field, Object v, boolean listAllowed) {
    if (v instanceof String s) {
      return Checks.length(field, s, 0, MAX_STRING_LENGTH);
    }
    if (v instanceof Boolean) {
      return v;
    }
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      Checks.check(b.bitLength() < 64, field, "integer out of 64-bit range");
      return b.longValue();
    }
    if (v instanceof Number n) {
      double d = Checks.finite(field, n.doubleValue());
      if (d == Math.rint(d)
          && Math.abs(d) < 9.007199254740992E15
          && !(v instanceof Double || v instanceof Float)) {
        return (long) d;
      }
      return d;
    }
    if (v instanceof List<?> list && listAllowed) {
      Checks.maxSize(field, list, MAX_ARRAY_LENGTH);
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(normalize(field, e, false));
      }
      return Collections.unmodifiableList(out);
    }
    throw new InvalidValueException(
        field,
        "must be a string, number, boolean"
            + (listAllowed ? " or an array of those" : "")
            + " (was "
            + (v == null ? "null" : v.getClass().getSimpleName())
            + ")");
  }
}
