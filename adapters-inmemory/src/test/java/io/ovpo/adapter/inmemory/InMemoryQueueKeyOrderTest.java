package io.ovpo.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-key order with several consumers in one group: while one of a key's envelopes is lent, no
 * other consumer gets that key's envelopes, so one trace's envelopes are applied in order.
 */
class InMemoryQueueKeyOrderTest {
  private static final Duration NO_WAIT = Duration.ZERO;
  private final Fixtures fx = new Fixtures(42);
  private final IngestQueue queue = InMemoryAdapters.builder().build().ingestQueue();
  private final TenantId tenant = fx.tenant();

  @AfterEach
  void close() {
    queue.close();
  }

  private Envelope envelope(TraceId trace, int n) {
    return fx.envelope(tenant, trace, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aKeyLentToOneConsumer_isNotLentToAnotherUntilSettled() {
    TraceId trace = fx.traceId();
    Envelope first = envelope(trace, 1);
    Envelope second = envelope(trace, 2);
    QueueConsumer a = queue.consumer("g");
    QueueConsumer b = queue.consumer("g");
    queue.publish(List.of(first));
    List<Delivery> toA = a.poll(10, NO_WAIT);
    queue.publish(List.of(second));

    assertThat(b.poll(10, NO_WAIT)).as("key held by consumer a").isEmpty();
    toA.get(0).ack();
    assertThat(b.poll(10, NO_WAIT))
        .extracting(d -> d.envelope().envelopeId())
        .containsExactly(second.envelopeId());
  }

  @Test
  void otherKeys_areLentWhileOneKeyIsHeld() {
    TraceId held = fx.traceId();
    TraceId other = fx.traceId();
    QueueConsumer a = queue.consumer("g");
    QueueConsumer b = queue.consumer("g");
    queue.publish(List.of(envelope(held, 1)));
    assertThat(a.poll(1, NO_WAIT)).hasSize(1);
    Envelope heldNext = envelope(held, 2);
    Envelope free = envelope(other, 1);
    queue.publish(List.of(heldNext, free));

    assertThat(b.poll(10, NO_WAIT))
        .extracting(d -> d.envelope().envelopeId())
        .containsExactly(free.envelopeId());
  }

  @Test
  void aNackedEnvelope_goesBeforeItsKeysNewerOnes_toWhicheverConsumerAsks() {
    TraceId trace = fx.traceId();
    Envelope first = envelope(trace, 1);
    Envelope second = envelope(trace, 2);
    QueueConsumer a = queue.consumer("g");
    QueueConsumer b = queue.consumer("g");
    queue.publish(List.of(first, second));
    List<Delivery> both = a.poll(1, NO_WAIT);
    assertThat(both).extracting(d -> d.envelope().envelopeId()).containsExactly(first.envelopeId());
    both.get(0).nack(Duration.ZERO);

    assertThat(b.poll(10, NO_WAIT))
        .extracting(d -> d.envelope().envelopeId())
        .containsExactly(first.envelopeId(), second.envelopeId());
  }

  @Test
  void aLeavingConsumer_freesItsKeys() {
    TraceId trace = fx.traceId();
    Envelope first = envelope(trace, 1);
    QueueConsumer a = queue.consumer("g");
    QueueConsumer b = queue.consumer("g");
    queue.publish(List.of(first));
    assertThat(a.poll(1, NO_WAIT)).hasSize(1);
    a.close();

    assertThat(b.poll(10, NO_WAIT)).extracting(d -> d.envelope().attempt()).containsExactly(2);
  }
}
