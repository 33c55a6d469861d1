package io.ovpo.compliance;

import java.util.Objects;
import java.util.Optional;

/**
 * What one check found.
 *
 * @param id the check's id (for pipeline invariants, the invariant's id)
 * @param category its category
 * @param spec the cited section
 * @param title what a conforming server (or pipeline) does
 * @param subject what was checked when a check runs per subject (a trace id), else empty
 * @param status the outcome
 * @param message the finding, the skip reason, or empty when it passed
 * @param deviation for a listed check, the reason given in the known-deviations file
 * @param durationMillis how long the check ran
 */
public record CheckResult(
    String id,
    String category,
    String spec,
    String title,
    Optional<String> subject,
    CheckStatus status,
    Optional<String> message,
    Optional<String> deviation,
    long durationMillis) {
  public CheckResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(deviation, "deviation");
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must be >= 0");
    }
  }

  /** The result of {@code check}. */
  public static CheckResult of(
      Check check, CheckStatus status, Optional<String> message, long durationMillis) {
    return new CheckResult(
        check.id(),
        check.category(),
        check.spec(),
        check.title(),
        Optional.empty(),
        status,
        message,
        Optional.empty(),
        durationMillis);
  }

  /** The same result judged against a known deviation's reason. */
  public CheckResult withDeviation(CheckStatus newStatus, String reason) {
    return new CheckResult(
        id,
        category,
        spec,
        title,
        subject,
        newStatus,
        message,
        Optional.of(reason),
        durationMillis);
  }

  /** {@code id} or {@code id[subject]}: unique within a report. */
  public String label() {
    return subject.map(s -> id + "[" + s + "]").orElse(id);
  }
}
