package io.ovpo.ports.model;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Per-frame quality scores: the well-known {@code clip_similarity} [-1, 1], {@code aesthetic_score}
 * [0, 10] and {@code temporal_consistency} [0, 1], plus up to 32 named finite numbers in all.
 */
public record QualityMetrics(Map<String, Double> values) {
  public static final String CLIP_SIMILARITY = "clip_similarity";
  public static final String AESTHETIC_SCORE = "aesthetic_score";
  public static final String TEMPORAL_CONSISTENCY = "temporal_consistency";
  public static final int MAX_METRICS = 32;
  public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  private static final QualityMetrics EMPTY = new QualityMetrics(Map.of());

  public QualityMetrics {
    Checks.maxSize("quality_metrics", values, MAX_METRICS);
    TreeMap<String, Double> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          Checks.notNull("quality_metrics", k);
          if (!isName(k)) {
            throw new InvalidValueException("quality_metrics", "must match " + NAME.pattern());
          }
          String field = "quality_metrics." + k;
          Checks.notNull(field, v);
          switch (k) {
            case CLIP_SIMILARITY -> Checks.range(field, v, -1, 1);
            case AESTHETIC_SCORE -> Checks.range(field, v, 0, 10);
            case TEMPORAL_CONSISTENCY -> Checks.range(field, v, 0, 1);
            default -> Checks.finite(field, v);
          }
          copy.put(k, v);
        });
    values = Collections.unmodifiableSortedMap(copy);
  }

  /** Whether the whole name matches {@link #NAME} (checked per metric of every frame event). */
  static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 64 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  public static QualityMetrics empty() {
    return EMPTY;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public OptionalDouble get(String name) {
    Double v = values.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
