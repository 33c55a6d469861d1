package io.ovpo.core.lifecycle;

import static io.ovpo.core.lifecycle.LifecycleDecision.APPLY;
import static io.ovpo.core.lifecycle.LifecycleDecision.IGNORE_REGRESSION;
import static io.ovpo.core.lifecycle.LifecycleDecision.NO_OP;
import static io.ovpo.core.lifecycle.LifecycleDecision.REJECT_TERMINAL_CONFLICT;
import static io.ovpo.ports.model.TraceStatus.CANCELLED;
import static io.ovpo.ports.model.TraceStatus.COMPLETED;
import static io.ovpo.ports.model.TraceStatus.FAILED;
import static io.ovpo.ports.model.TraceStatus.PARTIAL;
import static io.ovpo.ports.model.TraceStatus.PENDING;
import static io.ovpo.ports.model.TraceStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.TraceBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TraceLifecycleTest {
  private final Fixtures fx = Fixtures.forTest("TraceLifecycleTest");
  private final TraceId id = fx.traceId();

  private TraceBuilder trace(TraceStatus status) {
    return fx.trace().id(id).status(status).endedAt(Fixtures.T0.plusSeconds(60));
  }

  private static LifecycleDecision decide(Trace stored, Trace incoming) {
    return TraceLifecycle.decide(Optional.of(stored), incoming);
  }

  @Test
  void newTrace_isApplied() {
    Trace t = trace(PENDING).build();
    assertThat(TraceLifecycle.decide(Optional.empty(), t)).isEqualTo(APPLY);
    assertThat(TraceLifecycle.merge(Optional.empty(), t)).isEqualTo(t);
  }

  @Test
  void terminalTrace_rejectsTransitionToRunning() {
    Trace completed = trace(COMPLETED).build();
    Trace running = trace(RUNNING).build();

    assertThat(TraceLifecycle.canTransition(COMPLETED, RUNNING)).isFalse();
    // A lower rank is an out-of-order redelivery: ignored, never applied.
    assertThat(decide(completed, running)).isEqualTo(IGNORE_REGRESSION);
  }

  @Test
  void completedTrace_isIdempotentOnSameState() {
    Trace completed = trace(COMPLETED).build();
    assertThat(decide(completed, trace(COMPLETED).build())).isEqualTo(NO_OP);
  }

  @ParameterizedTest
  @EnumSource(
      value = TraceStatus.class,
      names = {"COMPLETED", "FAILED", "PARTIAL", "CANCELLED"})
  void terminalTrace_rejectsAnotherTerminalStatus(TraceStatus terminal) {
    Trace stored = trace(terminal).build();
    for (TraceStatus other : new TraceStatus[] {COMPLETED, FAILED, PARTIAL, CANCELLED}) {
      if (other != terminal) {
        assertThat(decide(stored, trace(other).build())).isEqualTo(REJECT_TERMINAL_CONFLICT);
        assertThat(TraceLifecycle.canTransition(terminal, other)).isFalse();
      }
    }
  }

  @Test
  void terminalTrace_acceptsFillInOfAbsentField() {
    Trace stored = trace(COMPLETED).build();
    Trace incoming = trace(COMPLETED).userIdHash(fx.hex64()).expectedFrames(96).build();

    assertThat(decide(stored, incoming)).isEqualTo(APPLY);
    Trace merged = TraceLifecycle.merge(Optional.of(stored), incoming);
    assertThat(merged.userIdHash()).isEqualTo(incoming.userIdHash());
    assertThat(merged.expectedFrames()).isEqualTo(OptionalInt.of(96));
  }

  @Test
  void terminalTrace_rejectsChangeOfSetField() {
    Trace stored = trace(COMPLETED).expectedFrames(96).tag("env", "prod").build();

    assertThat(decide(stored, trace(COMPLETED).expectedFrames(120).tag("env", "prod").build()))
        .isEqualTo(REJECT_TERMINAL_CONFLICT);
    assertThat(decide(stored, trace(COMPLETED).expectedFrames(96).tag("env", "dev").build()))
        .isEqualTo(REJECT_TERMINAL_CONFLICT);
  }

  @Test
  void failedTrace_rejectsOtherFailure() {
    Trace stored = trace(FAILED).failure(FailureCode.OOM, "out of memory").build();
    Trace other = trace(FAILED).failure(FailureCode.TIMEOUT, "too slow").build();
    assertThat(decide(stored, other)).isEqualTo(REJECT_TERMINAL_CONFLICT);
  }

  @Test
  void terminalTrace_resendWithFewerFields_isNoOp() {
    Trace stored = trace(COMPLETED).userIdHash(fx.hex64()).tag("env", "prod").build();
    assertThat(decide(stored, trace(COMPLETED).build())).isEqualTo(NO_OP);
  }

  @Test
  void lowerRank_isIgnoredAsRegression() {
    assertThat(decide(trace(RUNNING).build(), trace(PENDING).build())).isEqualTo(IGNORE_REGRESSION);
    assertThat(decide(trace(FAILED).build(), trace(PENDING).build())).isEqualTo(IGNORE_REGRESSION);
  }

  @Test
  void higherRank_isApplied() {
    assertThat(decide(trace(PENDING).build(), trace(RUNNING).build())).isEqualTo(APPLY);
    assertThat(decide(trace(PENDING).build(), trace(CANCELLED).build())).isEqualTo(APPLY);
    assertThat(decide(trace(RUNNING).build(), trace(COMPLETED).build())).isEqualTo(APPLY);
  }

  @Test
  void sameNonTerminalStatus_withOtherContent_isApplied() {
    Trace stored = trace(RUNNING).tag("env", "prod").build();
    Trace incoming = trace(RUNNING).tag("env", "dev").build();
    assertThat(decide(stored, incoming)).isEqualTo(APPLY);
    assertThat(TraceLifecycle.merge(Optional.of(stored), incoming).tags().values())
        .containsEntry("env", "dev");
  }

  @Test
  void sameNonTerminalStatus_identical_isNoOp() {
    assertThat(decide(trace(RUNNING).build(), trace(RUNNING).build())).isEqualTo(NO_OP);
  }

  @Test
  void merge_keepsLegalHoldOnceSet() {
    Trace held = trace(RUNNING).legalHold(true).build();
    Trace merged = TraceLifecycle.merge(Optional.of(held), trace(COMPLETED).build());
    assertThat(merged.legalHold()).isTrue();
    assertThat(decide(trace(COMPLETED).legalHold(true).build(), trace(COMPLETED).build()))
        .isEqualTo(NO_OP);
  }

  @Test
  void legalHoldSetByClient_onTerminalTrace_isAFillIn() {
    assertThat(decide(trace(COMPLETED).build(), trace(COMPLETED).legalHold(true).build()))
        .isEqualTo(APPLY);
  }

  @Test
  void merge_keepsEarliestCreatedAt() {
    Trace stored = trace(PENDING).build();
    Trace incoming =
        trace(RUNNING)
            .createdAt(Fixtures.T0.plusSeconds(3))
            .startedAt(Fixtures.T0.plusSeconds(4))
            .build();
    assertThat(TraceLifecycle.merge(Optional.of(stored), incoming).createdAt())
        .isEqualTo(Fixtures.T0);
  }

  @Test
  void merge_keepsStoredOptionalFieldsAbsentInIncoming() {
    String user = fx.hex64();
    Trace stored = trace(RUNNING).userIdHash(user).expectedFrames(48).tag("team", "a").build();
    Trace merged =
        TraceLifecycle.merge(Optional.of(stored), trace(COMPLETED).tag("env", "prod").build());

    assertThat(merged.status()).isEqualTo(COMPLETED);
    assertThat(merged.userIdHash()).contains(user);
    assertThat(merged.expectedFrames()).isEqualTo(OptionalInt.of(48));
    assertThat(merged.tags().values()).containsEntry("team", "a").containsEntry("env", "prod");
    assertThat(merged.startedAt()).isEqualTo(stored.startedAt());
  }

  @Test
  void merge_inconsistentStoredStart_letsIncomingWinWhole() {
    Trace stored =
        trace(RUNNING).startedAt(Fixtures.T0.plus(Duration.ofMinutes(10))).legalHold(true).build();
    Trace incoming =
        trace(COMPLETED).notStarted().endedAt(Fixtures.T0.plus(Duration.ofMinutes(1))).build();

    Trace merged = TraceLifecycle.merge(Optional.of(stored), incoming);
    assertThat(merged.startedAt()).isEmpty();
    assertThat(merged.endedAt()).isEqualTo(incoming.endedAt());
    assertThat(merged.legalHold()).isTrue();
  }

  @Test
  void canTransition_table() {
    assertThat(TraceLifecycle.canTransition(PENDING, PENDING)).isTrue();
    assertThat(TraceLifecycle.canTransition(PENDING, RUNNING)).isTrue();
    assertThat(TraceLifecycle.canTransition(PENDING, FAILED)).isTrue();
    assertThat(TraceLifecycle.canTransition(RUNNING, RUNNING)).isTrue();
    assertThat(TraceLifecycle.canTransition(RUNNING, COMPLETED)).isTrue();
    assertThat(TraceLifecycle.canTransition(RUNNING, PENDING)).isFalse();
    assertThat(TraceLifecycle.canTransition(COMPLETED, COMPLETED)).isTrue();
    assertThat(TraceLifecycle.canTransition(PARTIAL, COMPLETED)).isFalse();
    assertThat(TraceLifecycle.canTransition(CANCELLED, PENDING)).isFalse();
  }
}
