package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One video-generation job as a client reports it. Clients send a trace several times as it moves
 * through its lifecycle (PENDING → RUNNING → terminal); each send is a full state update under the
 * same {@code traceId}.
 *
 * <p>Rules enforced here: exactly one of {@code pipelineConfig} / {@code pipelineConfigRef}; {@code
 * failure} present iff status is FAILED; {@code startedAt >= createdAt}; {@code endedAt} only on a
 * terminal status and not before {@code startedAt} (or {@code createdAt}); hashes are 64 lower-case
 * hex characters; timestamps have millisecond precision.
 *
 * @param expectedFrames frames the job should produce; a terminal trace with fewer distinct frames
 *     is PARTIAL
 * @param legalHold when true, retention and user deletion never remove this trace
 */
public record Trace(
    TraceId traceId,
    TraceStatus status,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<PipelineConfig> pipelineConfig,
    Optional<String> pipelineConfigRef,
    Optional<String> promptHash,
    Optional<String> userIdHash,
    Tags tags,
    Attributes attributes,
    Optional<Failure> failure,
    OptionalInt expectedFrames,
    boolean legalHold) {
  public Trace {
    Checks.notNull("trace_id", traceId);
    Checks.notNull("status", status);
    Checks.millis("created_at", createdAt);
    Checks.notNull("started_at", startedAt).ifPresent(t -> Checks.millis("started_at", t));
    Checks.notNull("ended_at", endedAt).ifPresent(t -> Checks.millis("ended_at", t));
    Checks.notNull("pipeline_config", pipelineConfig);
    Checks.notNull("pipeline_config_ref", pipelineConfigRef)
        .ifPresent(r -> Checks.length("pipeline_config_ref", r, 1, 256));
    Checks.check(
        pipelineConfig.isPresent() != pipelineConfigRef.isPresent(),
        "pipeline_config",
        "exactly one of pipeline_config and pipeline_config_ref is required");
    Checks.notNull("prompt_hash", promptHash)
        .ifPresent(h -> Checks.matches("prompt_hash", h, Checks.HEX64));
    Checks.notNull("user_id_hash", userIdHash)
        .ifPresent(h -> Checks.matches("user_id_hash", h, Checks.HEX64));
    Checks.notNull("tags", tags);
    Checks.notNull("attributes", attributes);
    Checks.notNull("failure", failure);
    Checks.check(
        failure.isPresent() == (status == TraceStatus.FAILED),
        "failure",
        status == TraceStatus.FAILED
            ? "is required when status is FAILED"
            : "is only allowed when status is FAILED");
    Checks.notNull("expected_frames", expectedFrames)
        .ifPresent(n -> Checks.range("expected_frames", n, 0, 10_000_000));
    startedAt.ifPresent(s -> Checks.notBefore("started_at", s, "created_at", createdAt));
    if (endedAt.isPresent()) {
      Checks.check(status.isTerminal(), "ended_at", "is only allowed on a terminal status");
      Checks.notBefore("ended_at", endedAt.get(), "started_at", startedAt.orElse(createdAt));
    }
  }

  /** The same update with another reported status; used by tests and builders. */
  public Trace withStatus(TraceStatus newStatus, Optional<Failure> newFailure) {
    return new Trace(
        traceId,
        newStatus,
        createdAt,
        startedAt,
        newStatus.isTerminal() ? endedAt : Optional.empty(),
        pipelineConfig,
        pipelineConfigRef,
        promptHash,
        userIdHash,
        tags,
        attributes,
        newFailure,
        expectedFrames,
        legalHold);
  }

  /** The same trace with legal hold set or cleared. */
  public Trace withLegalHold(boolean hold) {
    return new Trace(
        traceId,
        status,
        createdAt,
        startedAt,
        endedAt,
        pipelineConfig,
        pipelineConfigRef,
        promptHash,
        userIdHash,
        tags,
        attributes,
        failure,
        expectedFrames,
        hold);
  }
}
