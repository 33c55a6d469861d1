package io.ovpo.compliance.invariants;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Lenient timestamp reading: a malformed timestamp is a schema problem, reported elsewhere. */
final class Times {
  private Times() {}

  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
