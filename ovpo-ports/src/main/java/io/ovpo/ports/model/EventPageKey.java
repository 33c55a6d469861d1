package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/**
 * Keyset position in a trace's frame events, ordered by (frame_index, observed_at, event_id)
 * ascending.
 */
public record EventPageKey(long frameIndex, Instant observedAt, EventId eventId) {
  public EventPageKey {
    Checks.range("frame_index", frameIndex, 0, Long.MAX_VALUE);
    Checks.notNull("observed_at", observedAt);
    Checks.notNull("event_id", eventId);
  }

  public static EventPageKey after(FrameEvent e) {
    return new EventPageKey(e.frameIndex(), e.observedAt(), e.eventId());
  }
}
