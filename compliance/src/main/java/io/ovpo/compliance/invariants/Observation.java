package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame event as captured or stored.
 *
 * @param event the frame event's fields (spec 01 §5)
 * @param receivedAt when the collector (or the capture server) received it, when known
 */
public record Observation(JsonNode event, Optional<Instant> receivedAt) {
  public Observation {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  String eventId() {
    return event.path("event_id").asText();
  }

  String type() {
    return event.path("event_type").asText();
  }

  int frameIndex() {
    return event.path("frame_index").asInt();
  }

  long mediaTime() {
    return event.path("media_time_ms").asLong();
  }

  Optional<Instant> observedAt() {
    return Times.parse(event.path("observed_at").asText(null));
  }
}
