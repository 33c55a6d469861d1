package io.ovpo.ports.in;

import io.ovpo.ports.internal.Checks;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An authenticated, parsed ingest request.
 *
 * @param bodySha256 hex SHA-256 of the decoded body, which identifies "the same body" for
 *     idempotency
 * @param items every item of the batch in order, valid or not
 */
public record IngestCommand(
    Principal principal,
    RequestContext request,
    Instant receivedAt,
    Optional<String> idempotencyKey,
    String bodySha256,
    List<DecodedItem> items) {
  public IngestCommand {
    Checks.notNull("principal", principal);
    Checks.notNull("request", request);
    Checks.notNull("received_at", receivedAt);
    Checks.notNull("idempotency_key", idempotencyKey);
    Checks.matches("body_sha256", bodySha256, Checks.HEX64);
    items = List.copyOf(items);
    Checks.check(!items.isEmpty() && items.size() <= 10_000, "items", "must hold 1 to 10000 items");
  }
}
