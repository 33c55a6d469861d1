package io.ovpo.core.lifecycle;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Lifecycle rules of a trace (decisions.md "Lifecycle"): rank PENDING(0) &lt; RUNNING(1) &lt;
 * terminal(2). A trace never leaves a terminal status; a lower rank is an out-of-order redelivery
 * and is ignored; a terminal state may only gain fields it lacked.
 *
 * <p>The processor calls {@link #decide} with the stored client state, then stores {@link #merge}
 * on {@link LifecycleDecision#APPLY}. Both are pure functions.
 */
public final class TraceLifecycle {
  private TraceLifecycle() {}

  /**
   * What to do with {@code incoming} given the stored client state ({@code current}, empty when the
   * trace is new).
   */
  public static LifecycleDecision decide(Optional<Trace> current, Trace incoming) {
    Objects.requireNonNull(incoming, "incoming");
    if (current.isEmpty()) {
      return LifecycleDecision.APPLY;
    }
    Trace stored = current.get();
    TraceStatus from = stored.status();
    TraceStatus to = incoming.status();
    if (to.rank() < from.rank()) {
      return LifecycleDecision.IGNORE_REGRESSION;
    }
    if (from.isTerminal() && from != to) {
      return LifecycleDecision.REJECT_TERMINAL_CONFLICT;
    }
    Trace merged = merge(current, incoming);
    if (merged.equals(stored)) {
      return LifecycleDecision.NO_OP;
    }
    if (from.isTerminal() && !onlyFillsIn(stored, merged)) {
      return LifecycleDecision.REJECT_TERMINAL_CONFLICT;
    }
    return LifecycleDecision.APPLY;
  }

  /**
   * The state to store on APPLY: {@code incoming}, except that legal hold stays set once the stored
   * state has it (only the admin API clears it), {@code created_at} keeps the earliest value,
   * optional fields absent in {@code incoming} keep their stored values, and tags and attributes
   * are merged key by key with the incoming value winning. A client that resends a partial state
   * therefore never erases what an earlier send reported.
   */
  public static Trace merge(Optional<Trace> current, Trace incoming) {
    Objects.requireNonNull(incoming, "incoming");
    if (current.isEmpty()) {
      return incoming;
    }
    Trace stored = current.get();
    Instant createdAt =
        stored.createdAt().isBefore(incoming.createdAt())
            ? stored.createdAt()
            : incoming.createdAt();
    boolean hold = stored.legalHold() || incoming.legalHold();
    try {
      return new Trace(
          incoming.traceId(),
          incoming.status(),
          createdAt,
          incoming.startedAt().or(stored::startedAt),
          // ended_at exists only on a terminal status; a stored one survives only while the
          // status stays terminal, which the rank rules guarantee once stored is terminal.
          incoming.status().isTerminal()
              ? incoming.endedAt().or(stored::endedAt)
              : Optional.empty(),
          incoming.pipelineConfig(),
          incoming.pipelineConfigRef(),
          incoming.promptHash().or(stored::promptHash),
          incoming.userIdHash().or(stored::userIdHash),
          Tags.of(union(stored.tags().values(), incoming.tags().values())),
          Attributes.of(union(stored.attributes().values(), incoming.attributes().values())),
          incoming.failure(),
          incoming.expectedFrames().isPresent()
              ? incoming.expectedFrames()
              : stored.expectedFrames(),
          hold);
    } catch (InvalidValueException e) {
      // Stored and incoming values can be individually valid yet inconsistent together (e.g. a
      // stored started_at after the incoming ended_at): the incoming state is self-consistent,
      // so it wins whole, keeping only the two sticky fields.
      return new Trace(
          incoming.traceId(),
          incoming.status(),
          createdAt,
          incoming.startedAt(),
          incoming.endedAt(),
          incoming.pipelineConfig(),
          incoming.pipelineConfigRef(),
          incoming.promptHash(),
          incoming.userIdHash(),
          incoming.tags(),
          incoming.attributes(),
          incoming.failure(),
          incoming.expectedFrames(),
          hold);
    }
  }

  /**
   * The transition table: from a non-terminal status to any status of the same or a higher rank;
   * from a terminal status only to itself. A lower rank is not a transition (it is ignored).
   */
  public static boolean canTransition(TraceStatus from, TraceStatus to) {
    if (from.isTerminal()) {
      return from == to;
    }
    return to.rank() >= from.rank();
  }

  /** True when {@code merged} differs from the terminal {@code stored} only by added values. */
  private static boolean onlyFillsIn(Trace stored, Trace merged) {
    return stored.createdAt().equals(merged.createdAt())
        && filledOrSame(stored.startedAt(), merged.startedAt())
        && filledOrSame(stored.endedAt(), merged.endedAt())
        && stored.pipelineConfig().equals(merged.pipelineConfig())
        && stored.pipelineConfigRef().equals(merged.pipelineConfigRef())
        && filledOrSame(stored.promptHash(), merged.promptHash())
        && filledOrSame(stored.userIdHash(), merged.userIdHash())
        && keepsEntries(stored.tags().values(), merged.tags().values())
        && keepsEntries(stored.attributes().values(), merged.attributes().values())
        && stored.failure().equals(merged.failure())
        && filledOrSame(stored.expectedFrames(), merged.expectedFrames());
  }

  private static <T> boolean filledOrSame(Optional<T> stored, Optional<T> merged) {
    return stored.isEmpty() || stored.equals(merged);
  }

  private static boolean filledOrSame(OptionalInt stored, OptionalInt merged) {
    return stored.isEmpty() || stored.equals(merged);
  }

  private static <V> boolean keepsEntries(Map<String, V> stored, Map<String, V> merged) {
    return stored.entrySet().stream()
        .allMatch(e -> Objects.equals(e.getValue(), merged.get(e.getKey())));
  }

  private static <V> Map<String, V> union(Map<String, V> stored, Map<String, V> incoming) {
    TreeMap<String, V> out = new TreeMap<>(stored);
    out.putAll(incoming);
    return out;
  }
}
