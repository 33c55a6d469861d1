package io.ovpo.wire;

import static io.ovpo.wire.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TraceRecord;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import net.jqwik.api.Example;

/** The view cache's codec gives back exactly what it was given, and refuses anything else. */
class JsonTraceViewCodecTest {
  private final JsonTraceViewCodec codec = new JsonTraceViewCodec();

  /** Server instants carry microseconds; the wire would cut them to milliseconds. */
  private static final Instant MICROS = T0.plusNanos(123_456_000);

  @Example
  void detail_survivesEncodeThenDecode() throws Exception {
    // The canonical examples (the entity codecs have their own properties): the detail's own
    // layout around them is what is checked here.
    ArtifactManifest manifest =
        ModelReader.manifest(
            WireJson.parse(
                Json.example("valid/artifact_manifest.video-thumbnail-latent-log.json")));
    TraceDetail detail =
        new TraceDetail(
            withExactInstants(Fixtures.partialRecord()),
            List.of(
                ModelReader.span(
                    WireJson.parse(Json.example("valid/span.sampling-in-progress.json"))),
                ModelReader.span(Json.minimalSpan())),
            List.of(
                stored("valid/frame_event.generated-with-metrics.json"),
                stored("valid/frame_event.gpu-sample-boundaries.json"),
                new StoredFrameEvent(ModelReader.frameEvent(Json.minimalEvent()), MICROS)),
            Optional.of("eyJrIjoxfQ.c2ln"),
            manifest.artifacts().stream()
                .map(a -> new StoredArtifact(manifest.manifestId(), a))
                .toList(),
            summary());
    assertThat(codec.decodeDetail(codec.encodeDetail(detail))).isEqualTo(detail);
  }

  private static StoredFrameEvent stored(String example) throws Exception {
    return new StoredFrameEvent(
        ModelReader.frameEvent(WireJson.parse(Json.example(example))), MICROS.plusNanos(7));
  }

  @Example
  void detailOfARunningTrace_withoutCursorCostOrEvents_survives() {
    TraceDetail detail =
        new TraceDetail(
            Fixtures.runningRecord(),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            new TraceSummary(
                OptionalLong.empty(),
                Map.of(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                0,
                0,
                OptionalDouble.empty(),
                Optional.empty(),
                Completeness.complete()));
    assertThat(codec.decodeDetail(codec.encodeDetail(detail))).isEqualTo(detail);
  }

  @Example
  void recordWithRetainedFrameAggregates_survives() {
    TraceRecord expired =
        Fixtures.partialRecord()
            .withFrameEventsExpired(
                new FrameEventStats(
                    47,
                    Map.of(EventType.FRAME_GENERATED, 46L, EventType.FRAME_DECODED, 46L),
                    OptionalDouble.of(20480.5),
                    OptionalDouble.empty(),
                    Optional.of(T0),
                    Optional.of(T0.plusSeconds(2)),
                    Map.of(
                        EventType.FRAME_GENERATED,
                        new FrameEventStats.MediaTimeRange(0, 1_875),
                        EventType.FRAME_DECODED,
                        new FrameEventStats.MediaTimeRange(40, 1_915))),
                MICROS);
    TraceListResult page = new TraceListResult(List.of(expired), false, Optional.empty());
    assertThat(codec.decodeList(codec.encodeList(page))).isEqualTo(page);
  }

  @Example
  void listPages_survive() {
    TraceListResult full =
        new TraceListResult(
            List.of(withExactInstants(Fixtures.partialRecord()), Fixtures.runningRecord()),
            true,
            Optional.of("eyJrIjoyfQ.c2ln"));
    TraceListResult empty = new TraceListResult(List.of(), false, Optional.empty());
    assertThat(codec.decodeList(codec.encodeList(full))).isEqualTo(full);
    assertThat(codec.decodeList(codec.encodeList(empty))).isEqualTo(empty);
  }

  @Example
  void bytesOfAnotherLayout_orDamaged_areRefused() {
    byte[] list =
        codec.encodeList(
            new TraceListResult(List.of(Fixtures.runningRecord()), false, Optional.empty()));
    assertThatThrownBy(() -> codec.decodeDetail(list)).isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = Arrays.copyOf(list, list.length - 3);
    assertThatThrownBy(() -> codec.decodeList(truncated))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad :
        List.of(
            "{}",
            "[]",
            "null",
            "{\"format\":\"ovpo.view.list/1\"}",
            "{\"format\":\"ovpo.view.list/1\",\"data\":[{}],\"next_cursor\":null}")) {
      assertThatThrownBy(() -> codec.decodeList(bad.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * The codec names every component of the records it writes itself: a new component must be added
   * to it (and here), or cached views would silently lose it.
   */
  @Example
  void codec_knowsEveryComponentOfTheRecordsItCarries() {
    assertThat(components(TraceDetail.class))
        .containsExactly(
            "trace", "spans", "frameEvents", "nextEventsCursor", "artifacts", "summary");
    assertThat(components(TraceListResult.class)).containsExactly("data", "hasMore", "nextCursor");
    assertThat(components(TraceRecord.class))
        .containsExactly(
            "tenantId",
            "trace",
            "status",
            "completeness",
            "cost",
            "firstReceivedAt",
            "updatedAt",
            "version",
            "retainedFrameStats");
    assertThat(components(StoredFrameEvent.class)).containsExactly("event", "receivedAt");
    assertThat(components(StoredArtifact.class)).containsExactly("manifestId", "artifact");
    assertThat(components(ComputeCost.class))
        .containsExactly("computeUnits", "bySpanKind", "profileName", "profileVersion");
    assertThat(components(FrameEventStats.class))
        .containsExactly(
            "eventCount",
            "distinctFramesByType",
            "peakVramMb",
            "avgGpuUtilizationPct",
            "firstObservedAt",
            "lastObservedAt",
            "mediaTimeByType");
    // summaries go through the detail body's writer and ResponseReader (ResponseRoundTripTest)
    assertThat(components(TraceSummary.class)).hasSize(9);
  }

  private static List<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static TraceRecord withExactInstants(TraceRecord r) {
    return new TraceRecord(
        r.tenantId(),
        r.trace(),
        r.status(),
        r.completeness(),
        r.cost(),
        MICROS,
        MICROS.plusNanos(1),
        r.version(),
        r.retainedFrameStats());
  }

  private static TraceSummary summary() {
    return new TraceSummary(
        OptionalLong.of(60_000),
        Map.of(SpanKind.SAMPLING, 80.0, SpanKind.LOAD, 20.0),
        OptionalDouble.of(20480.5),
        OptionalDouble.of(97.25),
        46,
        47,
        OptionalDouble.of(23.96),
        Optional.of(Fixtures.cost()),
        Fixtures.partial());
  }
}
