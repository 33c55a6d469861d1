package io.ovpo.app.processor;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.service.ProcessorService;
import io.ovpo.core.service.ProcessorSettings;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.JsonItemCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The processor's parts against in-memory adapters: core's ProcessorService (optionally wrapped, to
 * inject failures), ProcessorWorkers with short backoffs, and a fast ReconcileScheduler.
 */
final class ProcessorHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  final Fixtures fx;
  final InMemoryAdapters memory = InMemoryAdapters.builder().build();
  final CountingMetrics metrics = new CountingMetrics();
  final JsonItemCodec codec = new JsonItemCodec();
  final ProcessorService service;
  final ProcessorWorkers workers;
  final ReconcileScheduler reconciler;
  final TenantId tenant;
  final WorkerSettings settings =
      new WorkerSettings(
          WorkerSettings.DEFAULT_GROUP,
          2,
          4,
          Duration.ofMillis(20),
          Duration.ofMillis(5),
          Duration.ofMillis(40),
          5);

  ProcessorHarness(String testName) {
    this(testName, UnaryOperator.identity());
  }

  ProcessorHarness(String testName, UnaryOperator<ProcessEnvelopeUseCase> wrap) {
    fx = Fixtures.forTest(testName);
    tenant = fx.tenant();
    service =
        new ProcessorService(
            memory.traceStore(),
            memory.spanStore(),
            memory.frameEventStore(),
            memory.artifactStore(),
            memory.dedupeStore(),
            memory.tombstoneStore(),
            memory.reconciliationStore(),
            memory.tenantStore(),
            HardwareProfiles.defaultsOnly(),
            codec,
            Clock.systemUTC(),
            metrics,
            new ProcessorSettings(Duration.ZERO, 16, 64, 10_000),
            TraceViewCache.none());
    workers =
        new ProcessorWorkers(
            memory.ingestQueue(), wrap.apply(service), metrics, Clock.systemUTC(), settings);
    reconciler = new ReconcileScheduler(service, metrics, Duration.ofMillis(20));
  }

  ProcessorHarness start() {
    workers.start();
    reconciler.start();
    return this;
  }

  /** One envelope holding {@code items} (all of one trace), received an hour after T0. */
  Envelope envelope(IngestItem... items) {
    byte[] payload = codec.encode(List.of(items));
    Set<ItemType> types = EnumSet.noneOf(ItemType.class);
    for (IngestItem i : items) {
      types.add(i.itemType());
    }
    return new Envelope(
        EnvelopeId.random(),
        tenant,
        Fixtures.T0.plus(Duration.ofHours(1)),
        MessageType.of(types),
        tenant.value() + ":" + items[0].traceId().value(),
        payload,
        Fixtures.sha256Hex(payload),
        1);
  }

  Envelope publish(IngestItem... items) {
    Envelope e = envelope(items);
    memory.ingestQueue().publish(List.of(e));
    return e;
  }

  List<IngestItem> frames(TraceId trace, int from, int to) {
    List<IngestItem> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new IngestItem.FrameEventItem(fx.event(trace).frame(i).gpu(30_000, 95).build()));
    }
    return out;
  }

  Optional<TraceRecord> stored(TraceId trace) {
    return memory.traceStore().get(tenant, trace);
  }

  long frameCount(TraceId trace) {
    return memory
        .frameEventStore()
        .stats(tenant, trace)
        .distinctFramesByType()
        .getOrDefault(EventType.FRAME_GENERATED, 0L);
  }

  long eventCount(TraceId trace) {
    return memory.frameEventStore().stats(tenant, trace).eventCount();
  }

  /** Waits until the queue holds nothing unsettled. */
  void awaitDrained() {
    await(() -> memory.ingestQueue().depth() == 0, "the queue to drain");
  }

  /**
   * Polls {@code condition} until it holds; fails (it never passes silently) after {@link #WAIT}.
   */
  static void await(BooleanSupplier condition, String what) {
    Instant end = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    workers.drain(Duration.ofSeconds(5));
    reconciler.close();
    memory.close();
  }
}
