package io.ovpo.testkit;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds valid {@link Trace}s. Defaults: a RUNNING trace created at {@link Fixtures#T0}, started a
 * second later, with a small pipeline config. Terminal statuses get an end time and FAILED a
 * failure unless set.
 */
public final class TraceBuilder {
  private final Fixtures fx;
  private TraceId traceId;
  private TraceStatus status = TraceStatus.RUNNING;
  private Instant createdAt = Fixtures.T0;
  private Optional<Instant> startedAt = Optional.empty();
  private boolean startedSet;
  private Optional<Instant> endedAt = Optional.empty();
  private boolean useConfigRef;
  private boolean full;
  private Optional<String> userIdHash = Optional.empty();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private Optional<Failure> failure = Optional.empty();
  private OptionalInt expectedFrames = OptionalInt.empty();
  private boolean legalHold;

  TraceBuilder(Fixtures fx) {
    this.fx = fx;
    this.traceId = fx.traceId();
  }

  public TraceBuilder id(TraceId id) {
    this.traceId = id;
    return this;
  }

  public TraceBuilder status(TraceStatus s) {
    this.status = s;
    return this;
  }

  public TraceBuilder createdAt(Instant t) {
    this.createdAt = t;
    return this;
  }

  public TraceBuilder startedAt(Instant t) {
    this.startedAt = Optional.of(t);
    this.startedSet = true;
    return this;
  }

  public TraceBuilder notStarted() {
    this.startedAt = Optional.empty();
    this.startedSet = true;
    return this;
  }

  public TraceBuilder endedAt(Instant t) {
    this.endedAt = Optional.of(t);
    return this;
  }

  /** Started at created_at + {@code startDelay}, ended {@code durationMs} later (terminal). */
  public TraceBuilder ran(Duration startDelay, long durationMs) {
    startedAt(createdAt.plus(startDelay));
    return endedAt(createdAt.plus(startDelay).plusMillis(durationMs));
  }

  public TraceBuilder tag(String key, String value) {
    tags.put(key, value);
    return this;
  }

  public TraceBuilder tags(Map<String, String> values) {
    tags.putAll(values);
    return this;
  }

  public TraceBuilder userIdHash(String hash) {
    this.userIdHash = Optional.of(hash);
    return this;
  }

  public TraceBuilder failure(FailureCode code, String message) {
    this.failure = Optional.of(new Failure(code, message, Optional.of(fx.spanId()), true));
    return this;
  }

  public TraceBuilder expectedFrames(int n) {
    this.expectedFrames = OptionalInt.of(n);
    return this;
  }

  public TraceBuilder legalHold(boolean hold) {
    this.legalHold = hold;
    return this;
  }

  /** Uses {@code pipeline_config_ref} instead of an inline pipeline config. */
  public TraceBuilder configRef() {
    this.useConfigRef = true;
    return this;
  }

  /** Fills every optional field (for round-trip tests). */
  public TraceBuilder full() {
    this.full = true;
    tag("team", "video-research").tag("env", "prod").tag("empty", "");
    userIdHash(fx.hex64());
    expectedFrames(120);
    return this;
  }

  public Trace build() {
    Optional<Instant> started =
        startedSet
            ? startedAt
            : Optional.of(createdAt.plusSeconds(1)).filter(s -> status.rank() > 0);
    Optional<Instant> ended = status.isTerminal() ? endedAt : Optional.empty();
    if (status.isTerminal() && ended.isEmpty() && full) {
      ended = Optional.of(started.orElse(createdAt).plusSeconds(42));
    }
    Optional<Failure> f =
        status == TraceStatus.FAILED
            ? failure.or(
                () ->
                    Optional.of(
                        new Failure(FailureCode.OOM, "CUDA out of memory", Optional.empty(), true)))
            : Optional.empty();
    return new Trace(
        traceId,
        status,
        createdAt,
        started,
        ended,
        useConfigRef ? Optional.empty() : Optional.of(config()),
        useConfigRef ? Optional.of("configs/wan-2.1/default@3") : Optional.empty(),
        full ? Optional.of(fx.hex64()) : Optional.empty(),
        userIdHash,
        Tags.of(tags),
        full ? attributes() : Attributes.empty(),
        f,
        expectedFrames,
        legalHold);
  }

  private PipelineConfig config() {
    if (!full) {
      return new PipelineConfig(
          "wan-2.1",
          Optional.empty(),
          1280,
          720,
          24,
          96,
          OptionalInt.empty(),
          OptionalDouble.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          new Hardware("H100", 1));
    }
    return new PipelineConfig(
        "wan-2.1",
        Optional.of("14b-fp16"),
        1920,
        1080,
        23.976,
        120,
        OptionalInt.of(50),
        OptionalDouble.of(7.5),
        OptionalLong.of(1234567890123L),
        Optional.of("dpm++"),
        new Hardware("RTX 4090", 8));
  }

  private static Attributes attributes() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("custom.prompt_tokens", 77L);
    a.put("custom.cfg_rescale", 0.7);
    a.put("custom.warm_start", true);
    a.put("custom.region", "eu-west-1");
    a.put("ovpo.sdk.version", "0.8.0");
    a.put("custom.loras", List.of("film-grain", "anime-v2"));
    a.put("custom.mixed", List.of(1L, 2.5, false, "x"));
    return Attributes.of(a);
  }
}
