package io.ovpo.app.cli;

import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.http.ApiException;
import io.ovpo.app.cli.http.ApiResponse;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.http.UnreachableException;
import io.ovpo.app.cli.input.Batches;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Sends one ingest batch with its Idempotency-Key, and sends it again with the same key when a
 * later attempt may succeed: 409 (the same key still in progress), 429, 5xx, or no answer. The wait
 * is the server's {@code Retry-After}, else 1, 2, 4, 8 s; at most {@value #MAX_WAIT_SECONDS} s.
 */
final class BatchSender {
  static final Set<Integer> RETRYABLE = Set.of(409, 429, 500, 502, 503, 504);
  static final long MAX_WAIT_SECONDS = 60;

  private final ApiClient client;
  private final int retries;
  private final Consumer<String> notes;
  private final LongConsumer sleepMillis;

  /**
   * @param retries attempts after the first
   * @param notes where "retrying in ..." goes (standard error)
   * @param sleepMillis how to wait (tests pass one that does not)
   */
  BatchSender(ApiClient client, int retries, Consumer<String> notes, LongConsumer sleepMillis) {
    this.client = client;
    this.retries = retries;
    this.notes = notes;
    this.sleepMillis = sleepMillis;
  }

  /** Waits by sleeping the thread. */
  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted", e);
    }
  }

  /**
   * @return the answer carrying a receipt (202, or 400 with every item rejected)
   * @throws ApiException for any other answer once retries are spent or not worth it
   * @throws UnreachableException when the last attempt had no answer
   */
  ApiResponse send(Batches.Batch batch, int number, String key) {
    Map<String, String> headers = Map.of("X-OVPO-Schema-Version", "0.08", "Idempotency-Key", key);
    for (int attempt = 0; ; attempt++) {
      ApiResponse r;
      try {
        r =
            client.exchange(
                "POST",
                "/v1/ingest/batch",
                Query.create(),
                Optional.of(batch.body()),
                headers,
                true);
      } catch (UnreachableException e) {
        if (attempt >= retries) {
          throw e;
        }
        pause(number, attempt, Optional.empty(), e.getMessage());
        continue;
      }
      boolean receipt =
          (r.status() == 202 || r.status() == 400)
              && r.jsonIfAny().map(j -> j.has("processed_items")).orElse(false);
      if (receipt) {
        return r;
      }
      ApiException e = ApiException.from(r);
      if (!RETRYABLE.contains(r.status()) || attempt >= retries) {
        throw e;
      }
      pause(number, attempt, e.retryAfterSeconds(), e.code());
    }
  }

  private void pause(int batch, int attempt, Optional<Long> retryAfter, String why) {
    long seconds =
        Math.min(MAX_WAIT_SECONDS, Math.max(1, retryAfter.orElse(Math.min(8L, 1L << attempt))));
    notes.accept("batch " + batch + ": " + why + "; retrying in " + seconds + " s");
    sleepMillis.accept(seconds * 1000);
  }
}
