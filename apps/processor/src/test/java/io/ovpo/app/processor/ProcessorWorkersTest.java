package io.ovpo.app.processor;

import static io.ovpo.app.processor.ProcessorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The processor's consumers against the in-memory queue and stores (spec 03 §6, 04). */
class ProcessorWorkersTest {
  private ProcessorHarness h;

  private ProcessorHarness harness(TestInfo info) {
    return harness(info, UnaryOperator.identity());
  }

  private ProcessorHarness harness(TestInfo info, UnaryOperator<ProcessEnvelopeUseCase> wrap) {
    h = new ProcessorHarness(info.getDisplayName(), wrap);
    return h;
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private IngestItem trace(TraceId id, TraceStatus status, int expectedFrames) {
    return new IngestItem.TraceItem(
        h.fx
            .trace()
            .id(id)
            .status(status)
            .expectedFrames(expectedFrames)
            .ran(Duration.ofSeconds(1), 30_000)
            .build());
  }

  private IngestItem span(TraceId id, SpanKind kind, long ms) {
    return new IngestItem.SpanItem(h.fx.span(id).kind(kind).durationMs(ms).build());
  }

  private TraceRecord awaitStored(
      TraceId id, String what, java.util.function.Predicate<TraceRecord> p) {
    await(() -> h.stored(id).filter(p).isPresent(), what);
    return h.stored(id).orElseThrow();
  }

  @Test
  void duplicateEnvelopesAndItems_areStoredOnce_andNeverDoubleCounted(TestInfo info) {
    harness(info).start();
    TraceId t = h.fx.traceId();
    List<IngestItem> frames = h.frames(t, 0, 6);
    IngestItem sampling = span(t, SpanKind.SAMPLING, 10_000);
    List<IngestItem> all = new ArrayList<>(frames);
    all.add(sampling);
    Envelope first = h.publish(all.toArray(IngestItem[]::new));
    h.memory.ingestQueue().publish(List.of(first)); // the broker redelivers the same envelope
    h.publish(all.toArray(IngestItem[]::new)); // the client resends: a new envelope
    h.publish(trace(t, TraceStatus.COMPLETED, 6));
    h.awaitDrained();

    TraceRecord r = awaitStored(t, "the verdict", x -> x.cost().isPresent());
    assertThat(h.frameCount(t)).isEqualTo(6);
    assertThat(h.eventCount(t)).isEqualTo(6);
    assertThat(r.status()).isEqualTo(TraceStatus.COMPLETED);
    // 10 s of SAMPLING on one H100 (factor 1.0, weight 1.0), counted once
    assertThat(r.cost().map(ComputeCost::computeUnits)).contains(10.0);
    assertThat(h.metrics.count("dedupe_hits_total")).isGreaterThanOrEqualTo(14);
  }

  @Test
  void itemsBeforeTheirTrace_areKept_andAttachedWhenItArrives(TestInfo info) {
    harness(info).start();
    TraceId t = h.fx.traceId();
    List<IngestItem> early = new ArrayList<>(h.frames(t, 0, 4));
    early.add(span(t, SpanKind.DECODE, 2_000));
    h.publish(early.toArray(IngestItem[]::new));
    h.awaitDrained();
    assertThat(h.stored(t)).isEmpty();
    assertThat(h.frameCount(t)).isEqualTo(4);

    h.publish(trace(t, TraceStatus.RUNNING, 4));
    h.publish(trace(t, TraceStatus.COMPLETED, 4));
    h.awaitDrained();

    TraceRecord r =
        awaitStored(
            t, "completion", x -> x.status() == TraceStatus.COMPLETED && x.cost().isPresent());
    assertThat(r.completeness().isComplete()).isTrue();
    assertThat(r.cost().orElseThrow().bySpanKind()).containsKey(SpanKind.DECODE);
  }

  @Test
  void terminalTrace_neverLeavesItsTerminalStatus(TestInfo info) {
    harness(info).start();
    TraceId t = h.fx.traceId();
    h.publish(trace(t, TraceStatus.COMPLETED, 0));
    h.awaitDrained();
    TraceRecord completed = awaitStored(t, "the trace", x -> true);

    h.publish(trace(t, TraceStatus.FAILED, 0));
    h.publish(trace(t, TraceStatus.RUNNING, 0));
    h.publish(trace(t, TraceStatus.CANCELLED, 0));
    h.awaitDrained();

    assertThat(h.stored(t).orElseThrow().status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(h.stored(t).orElseThrow().reportedStatus()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(h.stored(t).orElseThrow().version()).isEqualTo(completed.version());
    assertThat(h.memory.ingestQueue().deadLetters(10)).isEmpty();
  }

  @Test
  void completedWithMissingFrames_becomesPartial_andLateFramesHealIt(TestInfo info) {
    harness(info).start();
    TraceId t = h.fx.traceId();
    h.publish(h.frames(t, 0, 8).toArray(IngestItem[]::new));
    h.publish(trace(t, TraceStatus.COMPLETED, 10));
    h.awaitDrained();

    TraceRecord partial = awaitStored(t, "PARTIAL", x -> x.status() == TraceStatus.PARTIAL);
    assertThat(partial.reportedStatus()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(partial.completeness().reasons())
        .anySatisfy(
            reason -> assertThat(reason.code()).isEqualTo(PartialReasonCode.MISSING_FRAMES));

    h.publish(h.frames(t, 8, 10).toArray(IngestItem[]::new));
    h.awaitDrained();

    TraceRecord healed = awaitStored(t, "healing", x -> x.status() == TraceStatus.COMPLETED);
    assertThat(healed.completeness().isComplete()).isTrue();
  }

  @Test
  void crashBetweenWriteAndAck_isRedelivered_withoutLossOrDoubleCount(TestInfo info) {
    harness(info);
    TraceId t = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>(h.frames(t, 0, 5));
    items.add(span(t, SpanKind.SAMPLING, 4_000));
    h.publish(trace(t, TraceStatus.COMPLETED, 5));
    h.publish(items.toArray(IngestItem[]::new));

    // A processor that writes everything and dies before acking.
    QueueConsumer doomed = h.memory.ingestQueue().consumer(h.settings.group());
    List<Delivery> held = doomed.poll(10, Duration.ofSeconds(1));
    assertThat(held).hasSize(2);
    held.forEach(d -> h.service.process(d.envelope()));
    h.service.reconcileDue(100);
    TraceRecord beforeCrash = h.stored(t).orElseThrow();
    doomed.close(); // the crash: nothing was acked

    h.start();
    h.awaitDrained();

    TraceRecord after = h.stored(t).orElseThrow();
    assertThat(h.frameCount(t)).isEqualTo(5);
    assertThat(h.eventCount(t)).isEqualTo(5);
    assertThat(after.cost()).isEqualTo(beforeCrash.cost());
    assertThat(after.status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(after.completeness()).isEqualTo(beforeCrash.completeness());
    assertThat(h.metrics.count("envelopes_settled_total", "result", "acked")).isEqualTo(2);
    assertThat(h.memory.ingestQueue().deadLetters(10)).isEmpty();
  }

  @Test
  void poisonEnvelope_isDeadLetteredAtOnce_withTheReason(TestInfo info) {
    harness(info).start();
    Envelope good = h.envelope(h.frames(h.fx.traceId(), 0, 1).toArray(IngestItem[]::new));
    byte[] other = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    Envelope poison =
        new Envelope(
            good.envelopeId(),
            good.tenantId(),
            good.receivedAt(),
            good.messageType(),
            good.partitionKey(),
            other,
            good.contentHash(),
            1);
    Envelope undecodable = h.envelope(h.frames(h.fx.traceId(), 0, 1).toArray(IngestItem[]::new));
    byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
    undecodable =
        new Envelope(
            undecodable.envelopeId(),
            undecodable.tenantId(),
            undecodable.receivedAt(),
            undecodable.messageType(),
            undecodable.partitionKey(),
            junk,
            io.ovpo.testkit.Fixtures.sha256Hex(junk),
            1);

    h.memory.ingestQueue().publish(List.of(poison, undecodable));
    h.awaitDrained();

    List<DeadLetter> dead = h.memory.ingestQueue().deadLetters(10);
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).reason()).contains("content_hash");
    assertThat(dead.get(1).reason()).contains("cannot be decoded");
    assertThat(dead).allSatisfy(d -> assertThat(d.envelope().attempt()).isEqualTo(1));
    assertThat(h.metrics.count("dlq_published_total")).isEqualTo(2);
  }

  @Test
  void transientStoreFailure_isRetriedWithBackoff_thenAcked(TestInfo info) {
    AtomicInteger calls = new AtomicInteger();
    harness(
            info,
            real ->
                envelope -> {
                  if (calls.incrementAndGet() <= 2) {
                    throw new StoreUnavailableException("postgres", "connection refused", null);
                  }
                  return real.process(envelope);
                })
        .start();
    TraceId t = h.fx.traceId();
    h.publish(h.frames(t, 0, 3).toArray(IngestItem[]::new));
    h.awaitDrained();

    assertThat(calls).hasValue(3);
    assertThat(h.frameCount(t)).isEqualTo(3);
    assertThat(h.metrics.count("envelopes_settled_total", "result", "nacked")).isEqualTo(2);
    assertThat(h.memory.ingestQueue().deadLetters(10)).isEmpty();
  }

  @Test
  void envelopeThatKeepsFailing_isDeadLettered_withTheError(TestInfo info) {
    harness(
            info,
            real ->
                envelope -> {
                  throw new StoreUnavailableException("clickhouse", "disk full", null);
                })
        .start();
    h.publish(h.frames(h.fx.traceId(), 0, 1).toArray(IngestItem[]::new));
    h.awaitDrained();

    DeadLetter dead = h.memory.ingestQueue().deadLetters(10).get(0);
    assertThat(dead.reason())
        .contains("store write failed on the last of 5 attempts")
        .contains("disk full");
    assertThat(dead.envelope().attempt()).isEqualTo(5);
    assertThat(h.metrics.count("dlq_published_total")).isEqualTo(1);
  }

  @Test
  void drain_finishesTheEnvelopeInFlight_acksIt_andStopsPolling(TestInfo info) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    harness(
            info,
            real ->
                envelope -> {
                  entered.countDown();
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return real.process(envelope);
                })
        .start();
    TraceId t = h.fx.traceId();
    h.publish(h.frames(t, 0, 2).toArray(IngestItem[]::new));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    Thread drainer = new Thread(() -> h.workers.drain(Duration.ofSeconds(30)));
    drainer.start();
    release.countDown();
    drainer.join(30_000);

    assertThat(drainer.isAlive()).isFalse();
    assertThat(h.memory.ingestQueue().depth()).isZero();
    assertThat(h.frameCount(t)).isEqualTo(2);
    h.publish(h.frames(t, 2, 3).toArray(IngestItem[]::new));
    assertThat(h.memory.ingestQueue().depth()).isEqualTo(1); // nobody polls any more
  }

  @Test
  void workersProcessOneEnvelopeEachAtATime_soSlowStoresSlowTheConsumer(TestInfo info) {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    harness(
            info,
            real ->
                envelope -> {
                  maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  try {
                    Thread.sleep(2);
                    ProcessingResult r = real.process(envelope);
                    return r;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  } finally {
                    inFlight.decrementAndGet();
                  }
                })
        .start();
    for (int i = 0; i < 60; i++) {
      h.publish(h.frames(h.fx.traceId(), 0, 2).toArray(IngestItem[]::new));
    }
    h.awaitDrained();

    assertThat(maxInFlight.get()).isBetween(1, h.settings.workers());
    assertThat(h.metrics.count("envelopes_settled_total", "result", "acked")).isEqualTo(60);
    assertThat(h.metrics.observations("processing_lag_seconds")).isEqualTo(60);
  }
}
