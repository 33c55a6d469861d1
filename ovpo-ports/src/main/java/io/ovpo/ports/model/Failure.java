package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;

/**
 * Why a trace FAILED; present exactly when the trace's status is FAILED.
 *
 * @param spanId the span where the failure happened, when known
 * @param retryable whether running the same job again may succeed
 */
public record Failure(
    FailureCode code, String message, Optional<SpanId> spanId, boolean retryable) {
  public Failure {
    Checks.notNull("failure.code", code);
    Checks.length("failure.message", message, 1, 4096);
    Checks.notNull("failure.span_id", spanId);
  }
}
