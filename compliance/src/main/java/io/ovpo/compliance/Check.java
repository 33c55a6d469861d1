package io.ovpo.compliance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conformance rule, checked through the public HTTP API only.
 *
 * @param id stable identifier ({@code ingest.unsupported-media-type}); the known-deviations file
 *     and the JSON report use it, so it never changes meaning
 * @param category the group it belongs to ({@code ingest}, {@code idempotency}, ...)
 * @param spec the section of spec v0.08 it enforces ({@code 02 §2 check 5})
 * @param title what a conforming server does, in one sentence
 * @param body the check itself; it throws {@link CheckFailure} or {@link CheckSkipped}
 */
public record Check(String id, String category, String spec, String title, Body body) {
  private static final Pattern ID = Pattern.compile("^[a-z]+(\\.[a-z0-9-]+)+$");

  public Check {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("check id must look like 'category.name': " + id);
    }
    Objects.requireNonNull(category, "category");
    if (!id.startsWith(category + ".")) {
      throw new IllegalArgumentException("check id " + id + " must start with " + category);
    }
    requireText(spec, "spec");
    requireText(title, "title");
    Objects.requireNonNull(body, "body");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** The code of a check; everything it needs comes from the session. */
  @FunctionalInterface
  public interface Body {
    void run(Session session) throws Exception;
  }
}
