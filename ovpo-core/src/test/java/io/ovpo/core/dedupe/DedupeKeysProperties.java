package io.ovpo.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DedupeKeysProperties {
  private static final TraceId ID = TraceId.of("c3d2e1f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f");
  private static final EventId EVENT = EventId.of("d4e3f2a1-2b3c-4d4e-9f5a-6b7c8d9e0f1a");
  private final ToStringCodec codec = new ToStringCodec();

  private String key(Trace t) {
    return DedupeKeys.key(new IngestItem.TraceItem(t), codec);
  }

  @Property(tries = 200)
  void sameContent_sameKey(@ForAll("traces") Trace t) {
    Trace copy =
        new Trace(
            t.traceId(),
            t.status(),
            t.createdAt(),
            t.startedAt(),
            t.endedAt(),
            t.pipelineConfig(),
            t.pipelineConfigRef(),
            t.promptHash(),
            t.userIdHash(),
            t.tags(),
            t.attributes(),
            t.failure(),
            t.expectedFrames(),
            t.legalHold());
    assertThat(key(copy)).isEqualTo(key(t));
  }

  @Property(tries = 300)
  void changedContentOfATrace_changesTheKey(@ForAll("traces") Trace a, @ForAll("traces") Trace b) {
    if (a.equals(b)) {
      assertThat(key(a)).isEqualTo(key(b));
    } else {
      assertThat(key(a)).isNotEqualTo(key(b));
    }
  }

  @Property(tries = 200)
  void eventKey_isIndependentOfContent(
      @ForAll @IntRange(min = 0, max = 10_000) int frame,
      @ForAll @LongRange(min = 0, max = 100_000) long media) {
    IngestItem e =
        new IngestItem.FrameEventItem(
            new Fixtures(5).event(ID).id(EVENT).frame(frame).mediaTimeMs(media).build());
    assertThat(DedupeKeys.key(e, codec)).isEqualTo("e:" + EVENT.value());
  }

  @Provide
  Arbitrary<Trace> traces() {
    return Combinators.combine(
            Arbitraries.of(TraceStatus.class),
            Arbitraries.of("prod", "dev", ""),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false))
        .as(
            (status, env, created, hold) ->
                new Fixtures(9)
                    .trace()
                    .id(ID)
                    .status(status)
                    .tag("env", env)
                    .createdAt(Fixtures.T0.plusSeconds(created))
                    .legalHold(hold)
                    .build());
  }
}
