package io.ovpo.wire;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.InvalidValueException;
import java.util.Set;
import java.util.function.Supplier;

/** RFC 6901 JSON pointers, and the mapping of model field names onto them. */
final class Pointers {
  // Fields whose second segment is a map key, which may itself contain dots.
  private static final Set<String> MAPS = Set.of("tags", "attributes", "quality_metrics");

  private Pointers() {}

  /** {@code base} plus one reference token, escaped. */
  static String child(String base, String token) {
    return base + "/" + escape(token);
  }

  /** {@code base} plus an array index. */
  static String child(String base, int index) {
    return base + "/" + index;
  }

  /**
   * Maps a model field name ({@link InvalidValueException#field()}) to a pointer under {@code
   * base}: {@code pipeline_config.hardware.gpu_count} → {@code
   * <base>/pipeline_config/hardware/gpu_count}; map keys stay whole ({@code attributes.custom.a.b}
   * → {@code <base>/attributes/custom.a.b}).
   */
  static String fromField(String base, String field) {
    if (field == null || field.isEmpty()) {
      return base;
    }
    StringBuilder sb = new StringBuilder(base);
    String rest = field;
    while (!rest.isEmpty()) {
      int dot = rest.indexOf('.');
      String head = dot < 0 ? rest : rest.substring(0, dot);
      sb.append('/').append(escape(head));
      if (dot < 0) {
        break;
      }
      rest = rest.substring(dot + 1);
      if (MAPS.contains(head)) {
        sb.append('/').append(escape(rest));
        break;
      }
    }
    return sb.toString();
  }

  static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Runs a model constructor; its {@link InvalidValueException} becomes a {@link
   * WireValueException} (SEMANTIC_VIOLATION) at the field's pointer under {@code base}.
   */
  static <T> T build(String base, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (InvalidValueException e) {
      throw new WireValueException(
          ErrorCode.SEMANTIC_VIOLATION, fromField(base, e.field()), e.reason());
    }
  }

  /** Like {@link #build} but every rule failure is reported at {@code pointer} itself. */
  static <T> T buildAt(String pointer, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (InvalidValueException e) {
      throw new WireValueException(ErrorCode.SEMANTIC_VIOLATION, pointer, e.reason());
    }
  }
}
