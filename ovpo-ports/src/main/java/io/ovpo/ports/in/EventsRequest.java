package io.ovpo.ports.in;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;

/**
 * Paging of a trace's frame events in the detail view ({@code events_limit}, {@code
 * events_cursor}); the default returns up to 20,000 events, enough for a 10-minute 24 fps job with
 * one event per frame and some GPU samples.
 */
public record EventsRequest(int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 20_000;
  public static final int MAX_LIMIT = 100_000;

  public EventsRequest {
    Checks.range("events_limit", limit, 1, MAX_LIMIT);
    Checks.notNull("events_cursor", cursor);
  }

  public static EventsRequest firstPage() {
    return new EventsRequest(DEFAULT_LIMIT, Optional.empty());
  }
}
