package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One reason a trace is incomplete, kept with the trace and returned by the query API.
 *
 * @param eventType the event type whose sequence broke the rule, when the rule is per type
 * @param frameIndex the first offending frame, when there is one
 * @param eventId the offending event, when there is one
 */
public record PartialReason(
    PartialReasonCode code,
    String message,
    Optional<EventType> eventType,
    OptionalLong frameIndex,
    Optional<EventId> eventId) {
  public PartialReason {
    Checks.notNull("code", code);
    Checks.length("message", message, 1, 1024);
    Checks.notNull("event_type", eventType);
    Checks.notNull("frame_index", frameIndex);
    Checks.notNull("event_id", eventId);
  }
}
