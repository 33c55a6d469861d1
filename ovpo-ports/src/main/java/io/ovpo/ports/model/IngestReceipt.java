package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.List;

/**
 * The outcome of an ingest request, exactly what the response body says: 202 when at least one item
 * was queued, 400 when none was. Stored under an Idempotency-Key and replayed with {@code duplicate
 * = true}.
 *
 * @param processedItems items queued; equal to what reached the queue
 */
public record IngestReceipt(
    String requestId,
    int httpStatus,
    int processedItems,
    int failedItems,
    boolean duplicate,
    List<ItemError> errors) {
  public IngestReceipt {
    Checks.length("request_id", requestId, 1, 128);
    Checks.check(httpStatus == 202 || httpStatus == 400, "http_status", "must be 202 or 400");
    Checks.range("processed_items", processedItems, 0, Integer.MAX_VALUE);
    Checks.range("failed_items", failedItems, 0, Integer.MAX_VALUE);
    errors = List.copyOf(errors);
    Checks.check(
        (httpStatus == 202) == (processedItems > 0),
        "http_status",
        "is 202 exactly when an item was accepted");
  }

  /** The stored receipt as returned to a duplicate request. */
  public IngestReceipt asDuplicate() {
    return new IngestReceipt(requestId, httpStatus, processedItems, failedItems, true, errors);
  }
}
