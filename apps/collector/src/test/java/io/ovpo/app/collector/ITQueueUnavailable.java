package io.ovpo.app.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the queue cannot take a batch, the client gets 503 and nothing is acknowledged. */
class ITQueueUnavailable {
  private TestCollector collector;
  private String key;
  private final Fixtures fx = Fixtures.forTest("ITQueueUnavailable");

  @BeforeEach
  void start() {
    collector = new TestCollector();
    key = collector.tenantKey("unlimited");
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void closedQueue_is503_withRetryAfter_andTheIdempotencyKeyStaysFree() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 5).toArray(IngestItem[]::new));
    collector.component.queue().close();

    Call.Response first =
        Call.ingest(collector).key(key).header("Idempotency-Key", "k-503").body(body).send();
    Call.Response retry =
        Call.ingest(collector).key(key).header("Idempotency-Key", "k-503").body(body).send();

    for (Call.Response r : new Call.Response[] {first, retry}) {
      assertThat(r.status()).as(r.text()).isEqualTo(503);
      assertThat(r.errorCode()).isEqualTo("QUEUE_UNAVAILABLE");
      assertThat(r.longHeader("Retry-After")).isGreaterThanOrEqualTo(1);
      assertThat(r.json().path("error").path("retry_after").asLong())
          .isEqualTo(r.longHeader("Retry-After"));
      assertThat(r.header("X-RateLimit-Limit")).isPresent();
    }
  }
}
