package io.ovpo.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns networknt errors into {@link ValidationError}s with RFC 6901 pointers. */
final class ErrorTranslator {
  // These keywords report the object; the pointer should name the property at fault instead.
  private static final Set<String> PROPERTY_KEYWORDS =
      Set.of(
          "required",
          "additionalProperties",
          "propertyNames",
          "dependentRequired",
          "unevaluatedProperties");

  private ErrorTranslator() {}

  static List<ValidationError> translate(
      List<Error> errors, int itemIndex, Optional<String> itemType) {
    if (errors.isEmpty()) {
      return List.of();
    }
    // One failure can surface through two paths (an item's data is typed twice); report it once.
    Set<ValidationError> out = new LinkedHashSet<>();
    for (Error e : errors) {
      String pointer = pointer(e);
      String message = (pointer.isEmpty() ? "(root)" : pointer) + ": " + MessageTexts.of(e);
      out.add(
          new ValidationError(
              itemIndex,
              itemType,
              pointer,
              ValidationError.SCHEMA_VIOLATION,
              e.getKeyword(),
              message));
    }
    return List.copyOf(out);
  }

  static String pointer(Error e) {
    StringBuilder sb = new StringBuilder();
    NodePath path = e.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    if (e.getProperty() != null && PROPERTY_KEYWORDS.contains(e.getKeyword())) {
      sb.append('/').append(escape(e.getProperty()));
    }
    return sb.toString();
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
