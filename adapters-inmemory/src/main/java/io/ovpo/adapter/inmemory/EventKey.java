package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.FrameEvent;
import java.time.Instant;

/** Orders a trace's events by frame_index, observed_at, event_id. */
record EventKey(long frame, Instant observedAt, String id) implements Comparable<EventKey> {
  static EventKey of(FrameEvent e) {
    return new EventKey(e.frameIndex(), e.observedAt(), e.eventId().value());
  }

  static EventKey of(EventPageKey k) {
    return new EventKey(k.frameIndex(), k.observedAt(), k.eventId().value());
  }

  @Override
  public int compareTo(EventKey o) {
    int c = Long.compare(frame, o.frame);
    if (c == 0) {
      c = observedAt.compareTo(o.observedAt);
    }
    return c != 0 ? c : id.compareTo(o.id);
  }
}
