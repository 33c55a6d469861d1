package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.PoisonMessageException;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.OrphanTrace;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.testkit.Concurrently;
import io.ovpo.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class ProcessorServiceTest {
  private Harness h;

  private Harness start(TestInfo info) {
    return start(info, Harness.Options.defaults());
  }

  private Harness start(TestInfo info, Harness.Options options) {
    h = new Harness(info.getDisplayName(), options);
    return h;
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private IngestItem.TraceItem trace(TraceId id, TraceStatus status, int expectedFrames) {
    return new IngestItem.TraceItem(
        h.fx
            .trace()
            .id(id)
            .status(status)
            .expectedFrames(expectedFrames)
            .ran(Duration.ofSeconds(1), 30_000)
            .build());
  }

  private IngestItem.TraceItem running(TraceId id) {
    return new IngestItem.TraceItem(h.fx.trace().id(id).status(TraceStatus.RUNNING).build());
  }

  private List<IngestItem> frames(TraceId id, int from, int to) {
    List<IngestItem> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new IngestItem.FrameEventItem(h.fx.event(id).frame(i).build()));
    }
    return out;
  }

  private TraceRecord stored(TraceId id) {
    return h.memory.traceStore().get(h.tenant, id).orElseThrow();
  }

  private long frameCount(TraceId id) {
    return h.memory
        .frameEventStore()
        .stats(h.tenant, id)
        .distinctFramesByType()
        .getOrDefault(EventType.FRAME_GENERATED, 0L);
  }

  @Test
  void duplicateEvent_doesNotDoubleCountFrames(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    List<IngestItem> events = frames(t, 0, 3);
    Envelope envelope = h.envelope(events.toArray(IngestItem[]::new));

    ProcessingResult first = h.processor.process(envelope);
    ProcessingResult redelivered = h.processor.process(envelope.withAttempt(2));
    ProcessingResult resentByClient = h.process(events.get(1));

    assertThat(first).isEqualTo(new ProcessingResult(3, 0, 0, 0));
    assertThat(redelivered).isEqualTo(new ProcessingResult(0, 3, 0, 0));
    assertThat(resentByClient).isEqualTo(new ProcessingResult(0, 1, 0, 0));
    assertThat(frameCount(t)).isEqualTo(3);
    assertThat(h.memory.frameEventStore().stats(h.tenant, t).eventCount()).isEqualTo(3);
    assertThat(h.metrics.count("dedupe_hits_total")).isEqualTo(4);
  }

  @Test
  void duplicateEventAfterTheDedupeWindow_isStillStoredOnce(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    IngestItem e = frames(t, 0, 1).get(0);
    h.process(e);
    h.clock.advance(Duration.ofHours(26));

    ProcessingResult late = h.process(e);

    assertThat(late).isEqualTo(new ProcessingResult(0, 1, 0, 0));
    assertThat(h.memory.frameEventStore().stats(h.tenant, t).eventCount()).isEqualTo(1);
  }

  @Test
  void spansAndEventsBeforeTheirTrace_areKept_andJudgedWhenTheTraceEnds(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    List<IngestItem> early = new ArrayList<>(frames(t, 0, 4));
    early.add(
        new IngestItem.SpanItem(h.fx.span(t).kind(SpanKind.SAMPLING).durationMs(2000).build()));
    h.process(early.toArray(IngestItem[]::new));
    assertThat(h.memory.traceStore().get(h.tenant, t)).isEmpty();

    h.process(running(t));
    h.process(trace(t, TraceStatus.COMPLETED, 4));

    TraceRecord r = stored(t);
    assertThat(r.status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(r.completeness().isComplete()).isTrue();
    assertThat(r.cost()).isPresent();
    assertThat(r.cost().get().bySpanKind()).containsKey(SpanKind.SAMPLING);
    assertThat(frameCount(t)).isEqualTo(4);
  }

  @Test
  void runningAfterCompleted_isIgnoredAsARegression(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.process(trace(t, TraceStatus.COMPLETED, 0));
    TraceRecord before = stored(t);

    ProcessingResult late = h.process(running(t));

    assertThat(late.ignored()).isEqualTo(1);
    assertThat(stored(t)).isEqualTo(before);
    assertThat(h.metrics.count("lifecycle_regressions_total")).isEqualTo(1);
  }

  @Test
  void terminalTrace_rejectsAConflictingTerminalUpdate_withoutThrowing(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.process(trace(t, TraceStatus.COMPLETED, 0));
    TraceRecord before = stored(t);
    Trace failed =
        h.fx.trace().id(t).status(TraceStatus.FAILED).ran(Duration.ofSeconds(1), 30_000).build();

    ProcessingResult r = h.process(new IngestItem.TraceItem(failed));

    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(stored(t)).isEqualTo(before);
    assertThat(h.metrics.count("lifecycle_conflicts_total", "entity", "trace")).isEqualTo(1);
  }

  @Test
  void sameTerminalStateAgain_isANoOp(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    IngestItem.TraceItem done = trace(t, TraceStatus.COMPLETED, 0);
    h.process(done);
    TraceRecord before = stored(t);

    h.process(done);

    assertThat(stored(t)).isEqualTo(before);
  }

  @Test
  void completedWithMissingFrames_isStoredPartial_withReasons_andReportedStatusKept(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.process(frames(t, 0, 8).toArray(IngestItem[]::new));

    h.process(trace(t, TraceStatus.COMPLETED, 10));

    TraceRecord r = stored(t);
    assertThat(r.status()).isEqualTo(TraceStatus.PARTIAL);
    assertThat(r.reportedStatus()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(r.completeness().reasons())
        .extracting(PartialReason::code)
        .contains(PartialReasonCode.MISSING_FRAMES);
    assertThat(r.completeness().missingFrames()).containsExactly(new FrameRange(8, 9));
    assertThat(h.metrics.count("traces_partial_total")).isEqualTo(1);
  }

  @Test
  void lateFramesOfATerminalTrace_areReconciledAfterTheDelay(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.process(frames(t, 0, 2).toArray(IngestItem[]::new));
    h.process(trace(t, TraceStatus.COMPLETED, 4));
    assertThat(stored(t).status()).isEqualTo(TraceStatus.PARTIAL);

    h.process(frames(t, 2, 4).toArray(IngestItem[]::new));
    assertThat(h.processor.reconcileDue(10)).isZero(); // not due yet: let the burst settle
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());

    assertThat(h.processor.reconcileDue(10)).isEqualTo(1);
    assertThat(stored(t).status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(stored(t).completeness().isComplete()).isTrue();
    assertThat(h.processor.reconcileDue(10)).isZero();
  }

  @Test
  void itemsBeforeTheirTrace_areRecordedAsAnOrphan_fromWhenTheReconcilerFoundTheTraceMissing(
      TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    Instant storedAt = h.clock.instant();
    h.process(frames(t, 0, 2).toArray(IngestItem[]::new));
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(10);

    h.clock.advance(Duration.ofHours(1));
    Instant laterAt = h.clock.instant();
    h.process(frames(t, 2, 4).toArray(IngestItem[]::new));
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(10);

    assertThat(orphans()).containsExactly(new OrphanTrace(h.tenant, t, storedAt, laterAt));
  }

  @Test
  void orphanEntry_isForgotten_whenTheReconcilerFindsTheTraceStored(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.process(frames(t, 0, 2).toArray(IngestItem[]::new));
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(10);
    assertThat(orphans()).hasSize(1);

    h.process(trace(t, TraceStatus.COMPLETED, 4));
    h.process(frames(t, 2, 4).toArray(IngestItem[]::new));
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(10);

    assertThat(orphans()).isEmpty();
  }

  private List<OrphanTrace> orphans() {
    return h.memory
        .reconciliationStore()
        .orphansSeenBefore(h.tenant, Instant.MAX, Optional.empty(), 100);
  }

  @Test
  void spanFillIn_isMerged_butChangingASetFieldIsRefused(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    SpanId id = h.fx.spanId();
    h.process(new IngestItem.SpanItem(h.fx.span(t).id(id).open().build()));

    ProcessingResult filled =
        h.process(new IngestItem.SpanItem(h.fx.span(t).id(id).durationMs(900).build()));
    ProcessingResult changed =
        h.process(
            new IngestItem.SpanItem(
                h.fx.span(t).id(id).durationMs(900).status(SpanStatus.ERROR).build()));

    assertThat(filled.stored()).isEqualTo(1);
    assertThat(changed.conflicts()).isEqualTo(1);
    var span = h.memory.spanStore().getAll(h.tenant, Set.of(id)).get(id);
    assertThat(span.endTime()).contains(span.startTime().plusMillis(900));
    assertThat(span.status()).isEqualTo(SpanStatus.OK);
  }

  @Test
  void newTrace_startsUnderTheTenantsDefaultLegalHold(TestInfo info) {
    start(info);
    Tenant tenant = h.memory.tenantStore().get(h.tenant).orElseThrow();
    h.memory
        .tenantStore()
        .update(
            new Tenant(tenant.tenantId(), tenant.name(), h.fx.customConfig(), tenant.createdAt()));
    TraceId t = h.fx.traceId();

    h.process(running(t));
    h.clock.advance(Duration.ofHours(26)); // past the dedupe window: the lifecycle decides
    ProcessingResult again = h.process(running(t));

    assertThat(again).isEqualTo(new ProcessingResult(0, 1, 0, 0));

    assertThat(stored(t).trace().legalHold()).isTrue();
    assertThat(stored(t).version()).isEqualTo(1);
  }

  @Test
  void redeliveryAfterACrashBetweenWriteAndAck_losesNothing_andCountsNothingTwice(TestInfo info) {
    AtomicBoolean crash = new AtomicBoolean(true);
    start(info, Harness.Options.defaults().withDedupe(d -> crashingOnce(d, crash)));
    TraceId t = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>(frames(t, 0, 3));
    items.add(0, trace(t, TraceStatus.COMPLETED, 5));
    items.add(new IngestItem.SpanItem(h.fx.span(t).durationMs(4000).build()));
    Envelope envelope = h.envelope(items.toArray(IngestItem[]::new));

    assertThatThrownBy(() -> h.processor.process(envelope))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(h.metrics.count("storage_write_errors_total", "backend", "test-dedupe"))
        .isEqualTo(1);
    ProcessingResult redo = h.processor.process(envelope.withAttempt(2));
    TraceRecord afterRedo = stored(t);

    try (Harness clean = new Harness(info.getDisplayName() + "-clean")) {
      clean.processor.process(clean.envelope(items.toArray(IngestItem[]::new)));
      TraceRecord once = clean.memory.traceStore().get(clean.tenant, t).orElseThrow();
      assertThat(afterRedo.status()).isEqualTo(once.status()).isEqualTo(TraceStatus.PARTIAL);
      assertThat(afterRedo.completeness()).isEqualTo(once.completeness());
      assertThat(afterRedo.cost()).isEqualTo(once.cost());
      assertThat(afterRedo.trace()).isEqualTo(once.trace());
    }
    assertThat(redo.stored()).isZero();
    assertThat(h.memory.frameEventStore().stats(h.tenant, t).eventCount()).isEqualTo(3);
    assertThat(h.memory.spanStore().byTrace(h.tenant, t)).hasSize(1);
    assertThat(h.processor.process(envelope.withAttempt(3)).duplicates()).isEqualTo(items.size());
  }

  @Test
  void aWriteFailingHalfway_propagates_andTheRedeliveryCompletesTheWork(TestInfo info) {
    AtomicBoolean fail = new AtomicBoolean(true);
    start(
        info, Harness.Options.defaults().withEvents(e -> FailingFrameEvents.failingOnce(e, fail)));
    TraceId t = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>(frames(t, 0, 2));
    items.add(0, trace(t, TraceStatus.COMPLETED, 2));
    Envelope envelope = h.envelope(items.toArray(IngestItem[]::new));

    assertThatThrownBy(() -> h.processor.process(envelope))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(h.metrics.count("storage_write_errors_total", "backend", "test-events"))
        .isEqualTo(1);

    h.processor.process(envelope.withAttempt(2));

    assertThat(stored(t).status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(frameCount(t)).isEqualTo(2);
  }

  @Test
  void concurrentWorkersOnOneTrace_loseNoUpdate(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      envelopes.add(h.envelope(frames(t, i * 5, i * 5 + 5).toArray(IngestItem[]::new)));
    }
    envelopes.add(h.envelope(running(t)));
    envelopes.add(h.envelope(trace(t, TraceStatus.COMPLETED, 40)));

    Concurrently.runAll(envelopes.size(), i -> h.processor.process(envelopes.get(i)));
    h.clock.advance(ProcessorSettings.DEFAULT.reconcileDelay());
    h.processor.reconcileDue(100);

    assertThat(frameCount(t)).isEqualTo(40);
    assertThat(stored(t).status()).isEqualTo(TraceStatus.COMPLETED);
    assertThat(stored(t).completeness().isComplete()).isTrue();
  }

  @Test
  void undecodablePayload_isPoison(TestInfo info) {
    start(info);
    byte[] junk = "{\"items\": nope".getBytes(StandardCharsets.UTF_8);
    Envelope e = h.fx.envelope(h.tenant, h.fx.traceId(), junk);

    assertThatThrownBy(() -> h.processor.process(e)).isInstanceOf(PoisonMessageException.class);
  }

  @Test
  void payloadNotMatchingItsHash_isPoison(TestInfo info) {
    start(info);
    Envelope good = h.envelope(running(h.fx.traceId()));
    Envelope tampered =
        new Envelope(
            good.envelopeId(),
            good.tenantId(),
            good.receivedAt(),
            good.messageType(),
            good.partitionKey(),
            good.payload(),
            Fixtures.sha256Hex("other".getBytes(StandardCharsets.UTF_8)),
            1);

    assertThatThrownBy(() -> h.processor.process(tampered))
        .isInstanceOf(PoisonMessageException.class);
  }

  @Test
  void itemsOfADeletedTrace_areDropped(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    h.memory.tombstoneStore().markDeleted(h.tenant, h.fx.deletionId(), List.of(t));

    ProcessingResult r = h.process(running(t), frames(t, 0, 1).get(0));

    assertThat(r.ignored()).isEqualTo(2);
    assertThat(h.memory.traceStore().get(h.tenant, t)).isEmpty();
    assertThat(h.memory.frameEventStore().stats(h.tenant, t).eventCount()).isZero();
  }

  @Test
  void ingestThenProcess_endToEnd_storesWhatTheReceiptCounted(TestInfo info) {
    start(info);
    TraceId t = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>(frames(t, 0, 3));
    items.add(0, trace(t, TraceStatus.COMPLETED, 3));
    var receipt =
        h.ingest.ingest(
            h.command(
                java.util.Optional.empty(), "b", Harness.valid(items.toArray(IngestItem[]::new))));

    List<ProcessingResult> results = h.drain();

    assertThat(results.stream().mapToInt(ProcessingResult::stored).sum())
        .isEqualTo(receipt.processedItems());
    assertThat(stored(t).status()).isEqualTo(TraceStatus.COMPLETED);
  }

  /** A dedupe store whose first remember fails: the process dies after its writes, before ack. */
  private static DedupeStore crashingOnce(DedupeStore d, AtomicBoolean crash) {
    return new DedupeStore() {
      @Override
      public Set<String> seen(TenantId tenant, Collection<String> keys, Instant now) {
        return d.seen(tenant, keys, now);
      }

      @Override
      public void remember(TenantId tenant, Collection<String> keys, Instant expiresAt) {
        if (crash.getAndSet(false)) {
          throw new StoreUnavailableException("test-dedupe", "crashed before ack", null);
        }
        d.remember(tenant, keys, expiresAt);
      }

      @Override
      public HealthStatus check() {
        return d.check();
      }
    };
  }
}
