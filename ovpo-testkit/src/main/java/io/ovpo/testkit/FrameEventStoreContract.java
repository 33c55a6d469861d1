package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.FrameEventStats.MediaTimeRange;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link FrameEventStore}: first write wins by (tenant, event_id), keyset reads in
 * (frame_index, observed_at, event_id) order, and per-trace aggregates. {@code distinct frames by
 * type} lists only the event types the trace has. Implement {@link #newStore()}; see {@link
 * StoreContract} for the other hooks.
 */
public abstract class FrameEventStoreContract<F extends FrameEventStore> extends StoreContract<F> {
  /** The read order: frame_index, observed_at, event_id (lower-case string order). */
  protected static final Comparator<StoredFrameEvent> EVENT_ORDER =
      Comparator.comparingLong((StoredFrameEvent e) -> e.event().frameIndex())
          .thenComparing(e -> e.event().observedAt())
          .thenComparing(e -> e.event().eventId().value());

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void append_returnsTheNewlyStoredIds() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = frames(trace, 0, 5);
    assertThat(store.append(tenant, events)).isEqualTo(ids(events));
    List<StoredFrameEvent> more = frames(trace, 5, 3);
    List<StoredFrameEvent> mixed = new ArrayList<>(more);
    mixed.addAll(events);
    assertThat(store.append(tenant, mixed)).isEqualTo(ids(more));
    assertThat(store.append(tenant, List.of())).isEmpty();
  }

  @Test
  void append_duplicateEventId_firstWriteWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent first = fx.event(trace).frame(3).stored();
    assertThat(store.append(tenant, List.of(first))).containsExactly(first.event().eventId());
    StoredFrameEvent rewrite =
        fx.event(trace).id(first.event().eventId()).frame(9).gpu(100, 50).stored();
    assertThat(store.append(tenant, List.of(rewrite))).isEmpty();
    assertThat(all(tenant, trace)).containsExactly(first);
    assertThat(store.stats(tenant, trace).eventCount()).isEqualTo(1);
  }

  @Test
  void append_duplicateEventIdWithinOneCall_firstWriteWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent first = fx.event(trace).frame(7).stored();
    StoredFrameEvent second = fx.event(trace).id(first.event().eventId()).frame(2).stored();
    assertThat(store.append(tenant, List.of(first, second)))
        .containsExactly(first.event().eventId());
    assertThat(all(tenant, trace)).containsExactly(first);
  }

  @Test
  void append_sameEventIdInAnotherTenant_isStoredIndependently() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent event = fx.event(trace).frame(1).stored();
    StoredFrameEvent copy = fx.event(trace).id(event.event().eventId()).frame(4).stored();
    assertThat(store.append(a, List.of(event))).hasSize(1);
    assertThat(store.append(b, List.of(copy))).hasSize(1);
    assertThat(all(a, trace)).containsExactly(event);
    assertThat(all(b, trace)).containsExactly(copy);
  }

  @Test
  void append_concurrentAppendsOfTheSameEvents_storeEachOnce() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = frames(trace, 0, 300);
    List<Set<EventId>> stored =
        Concurrently.run(
            4,
            i -> {
              List<StoredFrameEvent> mine = new ArrayList<>(events);
              java.util.Collections.rotate(mine, i * 75);
              return store.append(tenant, mine);
            });
    List<EventId> everyReturnedId = stored.stream().flatMap(Set::stream).toList();
    assertThat(everyReturnedId).doesNotHaveDuplicates();
    assertThat(new HashSet<>(everyReturnedId)).isEqualTo(ids(events));
    assertThat(all(tenant, trace)).containsExactlyElementsOf(sorted(events));
    assertThat(store.stats(tenant, trace).eventCount()).isEqualTo(300);
  }

  @Test
  void append_largeBatch_storesEveryEvent() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = frames(trace, 0, 5_000);
    assertThat(store.append(tenant, events)).hasSize(5_000);
    assertThat(store.byTrace(tenant, trace, Optional.empty(), 100_000)).hasSize(5_000);
  }

  @Test
  void byTrace_ordersByFrameIndexThenObservedAtThenEventId() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = tiedEvents(trace, 60);
    store.append(tenant, events);
    store.append(tenant, frames(fx.traceId(), 0, 3));
    assertThat(all(tenant, trace)).containsExactlyElementsOf(sorted(events));
  }

  @Test
  void byTrace_keysetPaging_walksEveryEventOnce() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = tiedEvents(trace, 47);
    store.append(tenant, events);
    List<StoredFrameEvent> seen = new ArrayList<>();
    Optional<EventPageKey> after = Optional.empty();
    for (int guard = 0; guard < 100; guard++) {
      List<StoredFrameEvent> page = store.byTrace(tenant, trace, after, 5);
      assertThat(page).hasSizeLessThanOrEqualTo(5);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = Optional.of(EventPageKey.after(page.get(page.size() - 1).event()));
    }
    assertThat(seen).containsExactlyElementsOf(sorted(events));
  }

  @Test
  void byTrace_pagingWithAppendsDuringTheWalk_hasNoGapsOrDuplicates() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> original = tiedEvents(trace, 40);
    store.append(tenant, original);
    List<StoredFrameEvent> mustBeSeen = new ArrayList<>(original);
    List<StoredFrameEvent> mustNotBeSeen = new ArrayList<>();
    List<StoredFrameEvent> seen = new ArrayList<>();
    Optional<EventPageKey> after = Optional.empty();
    for (int guard = 0; guard < 100; guard++) {
      List<StoredFrameEvent> page = store.byTrace(tenant, trace, after, 6);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      FrameEvent last = page.get(page.size() - 1).event();
      after = Optional.of(EventPageKey.after(last));
      if (guard >= 5) {
        continue; // appends only early on, so the walk can end
      }
      StoredFrameEvent behind =
          fx.event(trace)
              .frame(last.frameIndex())
              .observedAt(last.observedAt().minusMillis(1))
              .stored();
      StoredFrameEvent ahead =
          fx.event(trace)
              .frame(last.frameIndex())
              .observedAt(last.observedAt().plusMillis(1))
              .stored();
      store.append(tenant, List.of(behind, ahead));
      mustNotBeSeen.add(behind);
      mustBeSeen.add(ahead);
    }
    assertThat(seen).isSortedAccordingTo(EVENT_ORDER).doesNotHaveDuplicates();
    assertThat(seen).containsAll(mustBeSeen).doesNotContainAnyElementsOf(mustNotBeSeen);
  }

  @Test
  void byTrace_roundTripsEveryField() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent full = fx.event(trace).full().frame(12).type(EventType.GPU_SAMPLE).stored();
    StoredFrameEvent bare = fx.event(trace).frame(13).type(EventType.FRAME_ERROR).stored();
    store.append(tenant, List.of(bare, full));
    assertThat(all(tenant, trace)).containsExactly(full, bare);
  }

  @Test
  void byTrace_otherTenant_isEmpty() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.append(tenant, frames(trace, 0, 3));
    assertThat(store.byTrace(fx.tenant(), trace, Optional.empty(), 100)).isEmpty();
    assertThat(store.stats(fx.tenant(), trace)).isEqualTo(FrameEventStats.empty());
  }

  @Test
  void stats_noEvents_isEmpty() {
    assertThat(store.stats(fx.tenant(), fx.traceId())).isEqualTo(FrameEventStats.empty());
  }

  @Test
  void stats_matchNaiveReference() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = new ArrayList<>();
    EventType[] types = {EventType.FRAME_GENERATED, EventType.FRAME_DECODED, EventType.GPU_SAMPLE};
    for (int i = 0; i < 500; i++) {
      FrameEventBuilder b =
          fx.event(trace)
              .type(types[fx.random().nextInt(types.length)])
              .frame(fx.random().nextInt(150))
              .mediaTimeMs(fx.random().nextInt(60_000))
              .observedAt(Fixtures.T0.plusMillis(fx.random().nextInt(600_000)));
      if (fx.random().nextInt(3) == 0) {
        b.gpu(fx.random().nextInt(80_000) + fx.random().nextDouble(), fx.random().nextInt(101));
      }
      events.add(b.stored());
    }
    for (int from = 0; from < events.size(); from += 125) {
      store.append(tenant, events.subList(from, from + 125));
    }
    store.append(tenant, events.subList(0, 50));
    store.append(fx.tenant(), frames(trace, 1000, 5));
    assertStats(store.stats(tenant, trace), events);
  }

  @Test
  void stats_carryTheMediaTimeRangeOfEachEventType_firstWriteWins() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent last = fx.event(trace).frame(3).mediaTimeMs(1_120).stored();
    List<StoredFrameEvent> events =
        List.of(
            last,
            fx.event(trace).frame(0).mediaTimeMs(1_000).stored(),
            fx.event(trace).frame(1).mediaTimeMs(1_040).stored(),
            fx.event(trace).type(EventType.FRAME_DECODED).frame(0).mediaTimeMs(0).stored(),
            fx.event(trace).type(EventType.FRAME_DECODED).frame(9).mediaTimeMs(5_000).stored(),
            fx.event(trace).type(EventType.GPU_SAMPLE).frame(0).mediaTimeMs(9_000).stored());
    store.append(tenant, events);
    // A redelivery of an event id with another media time changes nothing.
    store.append(
        tenant, List.of(fx.event(trace).id(last.event().eventId()).mediaTimeMs(99_000).stored()));
    store.append(fx.tenant(), List.of(fx.event(trace).frame(5).mediaTimeMs(77_000).stored()));

    assertThat(store.stats(tenant, trace).mediaTimeByType())
        .isEqualTo(
            Map.of(
                EventType.FRAME_GENERATED, new MediaTimeRange(1_000, 1_120),
                EventType.FRAME_DECODED, new MediaTimeRange(0, 5_000),
                EventType.GPU_SAMPLE, new MediaTimeRange(9_000, 9_000)));
  }

  @Test
  void stats_withoutGpuSamples_haveNoGpuFigures() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    List<StoredFrameEvent> events = frames(trace, 0, 4);
    store.append(tenant, events);
    FrameEventStats stats = store.stats(tenant, trace);
    assertThat(stats.peakVramMb()).isEmpty();
    assertThat(stats.avgGpuUtilizationPct()).isEmpty();
    assertThat(stats.distinctFramesByType()).isEqualTo(Map.of(EventType.FRAME_GENERATED, 4L));
  }

  @Test
  void deleteByTraces_removesThoseTracesEventsOfTheTenant_andCountsThem() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    TraceId gone = fx.traceId();
    TraceId kept = fx.traceId();
    store.append(tenant, frames(gone, 0, 4));
    List<StoredFrameEvent> keptEvents = frames(kept, 0, 2);
    store.append(tenant, keptEvents);
    List<StoredFrameEvent> othersEvents = frames(gone, 0, 3);
    store.append(other, othersEvents);
    assertThat(store.deleteByTraces(tenant, List.of(gone, fx.traceId()))).isBetween(0L, 4L);
    assertThat(store.byTrace(tenant, gone, Optional.empty(), 100)).isEmpty();
    assertThat(store.stats(tenant, gone)).isEqualTo(FrameEventStats.empty());
    assertThat(all(tenant, kept)).containsExactlyElementsOf(keptEvents);
    assertThat(all(other, gone)).containsExactlyElementsOf(othersEvents);
  }

  // ---- helpers ----

  /** {@code n} FRAME_GENERATED events of consecutive frames starting at {@code first}. */
  protected List<StoredFrameEvent> frames(TraceId trace, int first, int n) {
    List<StoredFrameEvent> out = new ArrayList<>(n);
    for (int i = first; i < first + n; i++) {
      out.add(fx.event(trace).frame(i).stored());
    }
    return out;
  }

  /** Events with many ties on frame_index and observed_at, so event_id decides the order. */
  private List<StoredFrameEvent> tiedEvents(TraceId trace, int n) {
    List<StoredFrameEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant observed = Fixtures.T0.plusMillis(fx.random().nextInt(3));
      out.add(
          fx.event(trace)
              .frame(fx.random().nextInt(5))
              .observedAt(observed)
              .type(EventType.values()[fx.random().nextInt(4)])
              .stored());
    }
    return out;
  }

  private List<StoredFrameEvent> all(TenantId tenant, TraceId trace) {
    return store.byTrace(tenant, trace, Optional.empty(), 100_000);
  }

  private static List<StoredFrameEvent> sorted(List<StoredFrameEvent> events) {
    return events.stream().sorted(EVENT_ORDER).toList();
  }

  private static Set<EventId> ids(List<StoredFrameEvent> events) {
    return events.stream().map(e -> e.event().eventId()).collect(Collectors.toSet());
  }

  private static void assertStats(FrameEventStats actual, List<StoredFrameEvent> events) {
    Map<EventType, Set<Long>> frames = new EnumMap<>(EventType.class);
    Map<EventType, MediaTimeRange> mediaTime = new EnumMap<>(EventType.class);
    List<Double> vram = new ArrayList<>();
    List<Double> util = new ArrayList<>();
    for (StoredFrameEvent s : events) {
      FrameEvent e = s.event();
      frames.computeIfAbsent(e.eventType(), t -> new HashSet<>()).add(e.frameIndex());
      mediaTime.merge(
          e.eventType(),
          new MediaTimeRange(e.mediaTimeMs(), e.mediaTimeMs()),
          (a, b) -> a.with(b.minMs()));
      e.gpu()
          .ifPresent(
              g -> {
                vram.add(g.vramUsedMb());
                util.add(g.gpuUtilizationPct());
              });
    }
    Map<EventType, Long> distinct = new EnumMap<>(EventType.class);
    frames.forEach((t, set) -> distinct.put(t, (long) set.size()));
    assertThat(actual.eventCount()).isEqualTo(events.size());
    assertThat(actual.distinctFramesByType()).isEqualTo(distinct);
    assertThat(actual.mediaTimeByType()).isEqualTo(mediaTime);
    assertThat(actual.peakVramMb().orElseThrow())
        .isEqualTo(vram.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    assertThat(actual.avgGpuUtilizationPct().orElseThrow())
        .isCloseTo(
            util.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-9));
    assertThat(actual.firstObservedAt())
        .contains(
            events.stream()
                .map(e -> e.event().observedAt())
                .min(Comparator.naturalOrder())
                .orElseThrow());
    assertThat(actual.lastObservedAt())
        .contains(
            events.stream()
                .map(e -> e.event().observedAt())
                .max(Comparator.naturalOrder())
                .orElseThrow());
  }
}
