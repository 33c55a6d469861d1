package io.ovpo.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.TraceBuilder;
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

class TraceLifecycleProperties {
  private static final TraceId ID = TraceId.of("5f0c6d2e-9a41-4b7e-8c3d-2f1e0a9b8c7d");
  private static final String USER = "a".repeat(64);

  /** Folds updates the way the processor does; returns the stored state after each. */
  private static List<Trace> apply(List<Trace> updates) {
    Optional<Trace> state = Optional.empty();
    List<Trace> states = new ArrayList<>();
    for (Trace u : updates) {
      if (TraceLifecycle.decide(state, u) == LifecycleDecision.APPLY) {
        state = Optional.of(TraceLifecycle.merge(state, u));
      }
      states.add(state.orElseThrow());
    }
    return states;
  }

  @Property(tries = 300)
  void noSequenceOfUpdates_everLeavesTerminalState(@ForAll("updates") List<Trace> updates) {
    List<Trace> states = apply(updates);
    Trace firstTerminal = null;
    for (Trace s : states) {
      if (firstTerminal != null) {
        assertThat(s.status()).isEqualTo(firstTerminal.status());
      } else if (s.status().isTerminal()) {
        firstTerminal = s;
      }
    }
  }

  @Property(tries = 300)
  void statusRankNeverDecreases_andLegalHoldNeverClears(@ForAll("updates") List<Trace> updates) {
    List<Trace> states = apply(updates);
    for (int i = 1; i < states.size(); i++) {
      assertThat(states.get(i).status().rank())
          .isGreaterThanOrEqualTo(states.get(i - 1).status().rank());
      if (states.get(i - 1).legalHold()) {
        assertThat(states.get(i).legalHold()).isTrue();
      }
    }
  }

  @Property(tries = 300)
  void reapplyingTheLastUpdate_isNoOp(@ForAll("updates") List<Trace> updates) {
    Optional<Trace> state = Optional.empty();
    for (Trace u : updates) {
      LifecycleDecision d = TraceLifecycle.decide(state, u);
      if (d == LifecycleDecision.APPLY) {
        state = Optional.of(TraceLifecycle.merge(state, u));
        assertThat(TraceLifecycle.decide(state, u)).isEqualTo(LifecycleDecision.NO_OP);
      }
    }
  }

  @Property(tries = 200)
  void finalState_isOrderInsensitive_whenTerminalUpdatesAgree(
      @ForAll("terminalStatus") TraceStatus terminal, @ForAll long seed) {
    Fixtures fx = new Fixtures(7);
    Trace end = fx.trace().id(ID).status(terminal).tag("env", "prod").build();
    List<Trace> updates =
        new ArrayList<>(
            List.of(
                fx.trace().id(ID).status(TraceStatus.PENDING).tag("env", "prod").build(),
                fx.trace().id(ID).status(TraceStatus.RUNNING).tag("env", "prod").build(),
                end,
                end));
    Collections.shuffle(updates, new Random(seed));
    List<Trace> states = apply(updates);
    assertThat(states.get(states.size() - 1)).isEqualTo(end);
  }

  @Provide
  Arbitrary<TraceStatus> terminalStatus() {
    return Arbitraries.of(
        TraceStatus.COMPLETED, TraceStatus.FAILED, TraceStatus.PARTIAL, TraceStatus.CANCELLED);
  }

  @Provide
  Arbitrary<List<Trace>> updates() {
    return update().list().ofMinSize(1).ofMaxSize(12);
  }

  private Arbitrary<Trace> update() {
    return Combinators.combine(
            Arbitraries.of(TraceStatus.class),
            Arbitraries.of("prod", "dev").optional(),
            Arbitraries.of(24, 48).optional(),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 3))
        .as(
            (status, env, frames, hold, user, createdOffset) -> {
              TraceBuilder b =
                  new Fixtures(1)
                      .trace()
                      .id(ID)
                      .status(status)
                      .createdAt(Fixtures.T0.plusSeconds(createdOffset))
                      .legalHold(hold);
              env.ifPresent(v -> b.tag("env", v));
              frames.ifPresent(b::expectedFrames);
              if (user) {
                b.userIdHash(USER);
              }
              if (status.isTerminal()) {
                b.endedAt(Fixtures.T0.plusSeconds(60));
              }
              return b.build();
            });
  }
}
