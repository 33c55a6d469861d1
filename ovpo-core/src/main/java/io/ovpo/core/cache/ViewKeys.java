package io.ovpo.core.cache;

import io.ovpo.core.internal.Sha256;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The cache keys of query views. A detail variant names the events page ({@code d<limit>}, plus
 * {@code @<position>} after the first page). A list key is the SHA-256 of the query normalized to
 * one text: statuses sorted, time bounds, tags sorted with length prefixes (so no two queries share
 * a text), limit, and the decoded cursor position rather than the cursor string, which changes with
 * every issue.
 */
final class ViewKeys {
  private ViewKeys() {}

  static String detail(int eventsLimit, Optional<EventPageKey> after) {
    StringBuilder key = new StringBuilder("d").append(eventsLimit);
    after.ifPresent(
        a ->
            key.append('@')
                .append(a.frameIndex())
                .append(':')
                .append(instant(a.observedAt()))
                .append(':')
                .append(a.eventId().value()));
    return key.toString();
  }

  static String list(TraceListRequest query, Optional<PageKey> after) {
    StringBuilder text = new StringBuilder("list/1\n");
    query.statuses().stream()
        .map(TraceStatus::name)
        .sorted()
        .forEach(s -> text.append("status ").append(s).append('\n'));
    query.createdAt().from().ifPresent(f -> text.append("from ").append(instant(f)).append('\n'));
    query.createdAt().to().ifPresent(t -> text.append("to ").append(instant(t)).append('\n'));
    for (Map.Entry<String, String> tag : query.tags().values().entrySet()) {
      text.append("tag ")
          .append(tag.getKey().length())
          .append(':')
          .append(tag.getKey())
          .append(tag.getValue().length())
          .append(':')
          .append(tag.getValue())
          .append('\n');
    }
    text.append("limit ").append(query.limit()).append('\n');
    after.ifPresent(
        a ->
            text.append("after ")
                .append(instant(a.lastTimestamp()))
                .append(' ')
                .append(a.lastId().value()));
    return "l" + Sha256.hex(text.toString());
  }

  private static String instant(Instant t) {
    return t.getEpochSecond() + "." + t.getNano();
  }
}
