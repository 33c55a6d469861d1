package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * A frame event with the time the collector received it, which the observed_at skew check needs.
 */
public record StoredFrameEvent(FrameEvent event, Instant receivedAt) {
  public StoredFrameEvent {
    Checks.notNull("event", event);
    Checks.notNull("received_at", receivedAt);
  }
}
