package io.ovpo.core.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameChecksProperties {
  private static final TraceId ID = TraceId.of("0b7a6c1e-3f2d-4e8a-9b1c-7d6e5f4a3b2c");
  private static final List<EventId> IDS = ids(40);

  private static List<EventId> ids(int n) {
    Fixtures fx = new Fixtures(42);
    List<EventId> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fx.eventId());
    }
    return out;
  }

  private static Trace trace(TraceStatus status, int expected) {
    return new Fixtures(3).trace().id(ID).status(status).expectedFrames(expected).build();
  }

  private static StoredFrameEvent event(
      EventId id, EventType type, long frame, long media, long observedMs, long receivedDeltaMs) {
    FrameEvent e =
        new FrameEvent(
            id,
            ID,
            Optional.empty(),
            type,
            frame,
            media,
            Fixtures.T0.plusMillis(observedMs),
            QualityMetrics.empty(),
            Optional.empty(),
            Optional.empty(),
            Attributes.empty());
    return new StoredFrameEvent(e, e.observedAt().plusMillis(receivedDeltaMs));
  }

  @Property(tries = 150)
  void shufflingTheInput_neverChangesTheVerdict(
      @ForAll("events") List<StoredFrameEvent> events,
      @ForAll("anyStatus") TraceStatus status,
      @ForAll @IntRange(min = 0, max = 30) int expected,
      @ForAll long seed) {
    Trace trace = trace(status, expected);
    List<StoredFrameEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));

    assertThat(FrameChecks.check(trace, shuffled)).isEqualTo(FrameChecks.check(trace, events));
  }

  @Property(tries = 300)
  void strictlyIncreasingSequence_neverYieldsReasons(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 2000) Integer> steps,
      @ForAll("anyType") EventType type) {
    List<StoredFrameEvent> events = new ArrayList<>();
    long media = 0;
    long observed = 0;
    for (int i = 0; i < steps.size(); i++) {
      media += steps.get(i);
      observed += steps.get(i) / 2;
      // Received a little after observation; frame indexes 0..n-1 without gaps.
      events.add(event(IDS.get(i), type, i, media, observed, steps.get(i) % 50));
    }
    Collections.shuffle(events, new Random(steps.hashCode()));

    assertThat(FrameChecks.check(trace(TraceStatus.RUNNING, steps.size()), events).isComplete())
        .isTrue();
    if (type == EventType.FRAME_GENERATED || type == EventType.FRAME_DECODED) {
      Completeness done = FrameChecks.check(trace(TraceStatus.COMPLETED, steps.size()), events);
      assertThat(done.reasons()).isEmpty();
    }
  }

  @Provide
  Arbitrary<TraceStatus> anyStatus() {
    return Arbitraries.of(TraceStatus.class);
  }

  @Provide
  Arbitrary<EventType> anyType() {
    return Arbitraries.of(EventType.class);
  }

  /** Events with distinct ids but colliding frame indexes, media times and times. */
  @Provide
  Arbitrary<List<StoredFrameEvent>> events() {
    return Arbitraries.integers()
        .between(0, IDS.size())
        .flatMap(
            n -> {
              List<Arbitrary<StoredFrameEvent>> each = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                EventId id = IDS.get(i);
                each.add(
                    Combinators.combine(
                            Arbitraries.of(
                                EventType.FRAME_GENERATED,
                                EventType.FRAME_DECODED,
                                EventType.GPU_SAMPLE),
                            Arbitraries.longs().between(0, 15),
                            Arbitraries.longs().between(0, 1000),
                            Arbitraries.longs().between(0, 20_000),
                            Arbitraries.longs().between(-8000, 8000))
                        .as(
                            (type, frame, media, obs, rcv) ->
                                event(id, type, frame, media, obs, rcv)));
              }
              return Combinators.combine(each).as(l -> l);
            });
  }
}
