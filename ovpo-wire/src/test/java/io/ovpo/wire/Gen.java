package io.ovpo.wire;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.Failure;
import io.ovpo.ports.model.FailureCode;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid v0.08 entities (schema-valid too, so they can go through batches). */
final class Gen {
  private Gen() {}

  static Arbitrary<String> uuid() {
    return Arbitraries.longs()
        .tuple2()
        .map(
            t -> {
              long msb = (t.get1() & ~0xF000L) | 0x4000L;
              long lsb = (t.get2() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
              return new UUID(msb, lsb).toString();
            });
  }

  /** Millisecond instants in 1970..2100 (what real payloads carry). */
  static Arbitrary<Instant> instant() {
    return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
  }

  /** Text with JSON-escaped characters and non-ASCII ones. */
  static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\n', '\t', '"', '\\', '/', 'é', '漢', '\u0001')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  /** Any finite double: short decimals, and arbitrary bit patterns to exercise precision. */
  static Arbitrary<Double> anyDouble() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
  }

  static <T> Arbitrary<Optional<T>> opt(Arbitrary<T> a) {
    return a.optional(0.5);
  }

  static Arbitrary<String> hash() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
  }

  static Arbitrary<Tags> tags() {
    return Arbitraries.maps(
            Arbitraries.strings().withChars("abz09_.-").ofMinLength(1).ofMaxLength(12), text(0, 20))
        .ofMaxSize(4)
        .map(Tags::new);
  }

  static Arbitrary<Object> attributeScalar() {
    return Arbitraries.oneOf(
        text(0, 20).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        anyDouble().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b));
  }

  static Arbitrary<Attributes> attributes() {
    Arbitrary<String> key =
        Combinators.combine(
                Arbitraries.of("ovpo.", "custom."),
                Arbitraries.strings().withChars("aZ09_.-").ofMinLength(1).ofMaxLength(12))
            .as(String::concat);
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            attributeScalar(), attributeScalar().list().ofMaxSize(4).map(l -> (Object) l));
    return Arbitraries.maps(key, value).ofMaxSize(4).map(Attributes::new);
  }

  static Arbitrary<PipelineConfig> pipelineConfig() {
    Arbitrary<Hardware> hw =
        Combinators.combine(text(1, 16), Arbitraries.integers().between(1, 1024)).as(Hardware::new);
    Arbitrary<OptionalInt> steps =
        Arbitraries.integers().between(1, 10_000).optional().map(Gen::optInt);
    Arbitrary<OptionalDouble> guidance =
        Arbitraries.doubles().between(0, 100).ofScale(12).optional().map(Gen::optDouble);
    Arbitrary<OptionalLong> seed =
        Arbitraries.longs().between(0, Long.MAX_VALUE).optional().map(Gen::optLong);
    Arbitrary<int[]> geometry =
        Combinators.combine(
                Arbitraries.integers().between(1, 16384),
                Arbitraries.integers().between(1, 16384),
                Arbitraries.integers().between(1, 10_000_000))
            .as((w, h, n) -> new int[] {w, h, n});
    return Combinators.combine(
            text(1, 30),
            opt(text(1, 10)),
            geometry,
            Arbitraries.doubles().between(0.001, 1000).ofScale(12),
            steps,
            guidance,
            seed,
            Combinators.combine(opt(text(1, 10)), hw).as((s, h) -> Map.entry(s, h)))
        .as(
            (name, version, g, fps, st, gs, sd, rest) ->
                new PipelineConfig(
                    name,
                    version,
                    g[0],
                    g[1],
                    fps,
                    g[2],
                    st,
                    gs,
                    sd,
                    rest.getKey(),
                    rest.getValue()));
  }

  static Arbitrary<Trace> trace() {
    Arbitrary<Instant[]> times =
        Combinators.combine(
                instant(),
                Arbitraries.longs().between(0, 10_000_000).optional(),
                Arbitraries.longs().between(0, 10_000_000).optional())
            .as(
                (c, s, e) -> {
                  Instant started = s.map(c::plusMillis).orElse(null);
                  Instant ended =
                      e.map(ms -> (started == null ? c : started).plusMillis(ms)).orElse(null);
                  return new Instant[] {c, started, ended};
                });
    Arbitrary<Optional<PipelineConfig>> config = opt(pipelineConfig());
    Arbitrary<Failure> failure =
        Combinators.combine(
                Arbitraries.of(FailureCode.class),
                text(1, 40),
                opt(uuid().map(SpanId::new)),
                Arbitraries.of(true, false))
            .as(Failure::new);
    Arbitrary<Object[]> extras =
        Combinators.combine(
                failure,
                Arbitraries.integers().between(0, 10_000_000).optional().map(Gen::optInt),
                Arbitraries.of(true, false),
                text(1, 20))
            .as((f, n, hold, ref) -> new Object[] {f, n, hold, ref});
    return Combinators.combine(
            uuid().map(TraceId::new),
            Arbitraries.of(TraceStatus.class),
            times,
            config,
            opt(hash()),
            opt(hash()),
            Combinators.combine(tags(), attributes()).as(Map::entry),
            extras)
        .as(
            (id, status, t, cfg, prompt, user, ta, x) ->
                new Trace(
                    id,
                    status,
                    t[0],
                    Optional.ofNullable(t[1]),
                    status.isTerminal() ? Optional.ofNullable(t[2]) : Optional.empty(),
                    cfg,
                    cfg.isPresent() ? Optional.empty() : Optional.of((String) x[3]),
                    prompt,
                    user,
                    ta.getKey(),
                    ta.getValue(),
                    status == TraceStatus.FAILED ? Optional.of((Failure) x[0]) : Optional.empty(),
                    (OptionalInt) x[1],
                    (Boolean) x[2]));
  }

  static Arbitrary<Span> span() {
    Arbitrary<Optional<Instant>> noEnd = Arbitraries.just(Optional.empty());
    return Combinators.combine(
            uuid().map(SpanId::new),
            uuid().map(TraceId::new),
            opt(uuid().map(SpanId::new)),
            Arbitraries.of(SpanKind.class),
            text(1, 40),
            instant(),
            Arbitraries.longs().between(0, 100_000_000).optional(),
            Combinators.combine(Arbitraries.of(SpanStatus.class), attributes()).as(Map::entry))
        .as(
            (id, trace, parent, kind, name, start, dur, rest) ->
                new Span(
                    id,
                    trace,
                    parent.filter(p -> !p.equals(id)),
                    kind,
                    name,
                    start,
                    dur.map(start::plusMillis),
                    rest.getKey(),
                    rest.getValue()));
  }

  static Arbitrary<QualityMetrics> qualityMetrics() {
    Arbitrary<Map.Entry<String, Double>> metric =
        Arbitraries.oneOf(
            Arbitraries.doubles()
                .between(-1, 1)
                .ofScale(12)
                .map(d -> Map.entry("clip_similarity", d)),
            Arbitraries.doubles()
                .between(0, 10)
                .ofScale(12)
                .map(d -> Map.entry("aesthetic_score", d)),
            Arbitraries.doubles()
                .between(0, 1)
                .ofScale(12)
                .map(d -> Map.entry("temporal_consistency", d)),
            Combinators.combine(
                    Arbitraries.strings().withChars("abc_9").ofMinLength(0).ofMaxLength(8),
                    anyDouble())
                .as((n, d) -> Map.entry("m" + n, d)));
    return metric
        .list()
        .ofMaxSize(5)
        .map(
            l -> {
              Map<String, Double> m = new java.util.HashMap<>();
              l.forEach(e -> m.put(e.getKey(), e.getValue()));
              return new QualityMetrics(m);
            });
  }

  static Arbitrary<GpuSample> gpu() {
    return Combinators.combine(
            Arbitraries.doubles().between(0, 1e9).ofScale(12),
            Arbitraries.doubles().between(0, 100).ofScale(12),
            Arbitraries.doubles().between(-50, 150).ofScale(12).optional().map(Gen::optDouble))
        .as(GpuSample::new);
  }

  static Arbitrary<ArtifactRef> artifactRef() {
    return Combinators.combine(
            uuid().map(ArtifactId::new),
            Arbitraries.of(ArtifactKind.class),
            Combinators.combine(
                    Arbitraries.of("s3://", "ovpo://"),
                    Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40))
                .as(String::concat),
            Arbitraries.of("video/mp4", "image/webp", "application/json; charset=utf-8"),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            opt(hash()),
            Arbitraries.integers().between(1, 87_600).optional().map(Gen::optInt))
        .as(ArtifactRef::new);
  }

  static Arbitrary<FrameEvent> frameEvent() {
    return Combinators.combine(
            uuid().map(EventId::new),
            uuid().map(TraceId::new),
            opt(uuid().map(SpanId::new)),
            Arbitraries.of(EventType.class),
            Arbitraries.longs().between(0, 10_000_000),
            Arbitraries.longs().between(0, 9_007_199_254_740_992L),
            instant(),
            Combinators.combine(qualityMetrics(), opt(gpu()), opt(artifactRef()), attributes())
                .as((q, g, t, a) -> new Object[] {q, g, t, a}))
        .as(
            (id, trace, span, type, frame, media, at, x) ->
                new FrameEvent(
                    id,
                    trace,
                    span,
                    type,
                    frame,
                    media,
                    at,
                    (QualityMetrics) x[0],
                    cast(x[1]),
                    cast(x[2]),
                    (Attributes) x[3]));
  }

  static Arbitrary<ArtifactManifest> manifest() {
    return Combinators.combine(
            uuid().map(ManifestId::new),
            uuid().map(TraceId::new),
            artifactRef().list().ofMinSize(1).ofMaxSize(4).uniqueElements(ArtifactRef::artifactId))
        .as(ArtifactManifest::new);
  }

  static Arbitrary<IngestItem> item() {
    return Arbitraries.oneOf(
        trace().map(IngestItem.TraceItem::new),
        span().map(IngestItem.SpanItem::new),
        frameEvent().map(IngestItem.FrameEventItem::new),
        manifest().map(IngestItem.ManifestItem::new));
  }

  static Arbitrary<List<IngestItem>> items() {
    return item().list().ofMinSize(1).ofMaxSize(6);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  private static OptionalInt optInt(Optional<Integer> v) {
    return v.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static OptionalLong optLong(Optional<Long> v) {
    return v.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private static OptionalDouble optDouble(Optional<Double> v) {
    return v.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }
}
