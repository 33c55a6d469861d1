package io.ovpo.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SemanticValidatorTest {
  private final Fixtures fx = Fixtures.forTest("SemanticValidatorTest");
  private final TraceId trace = fx.traceId();
  private final Instant received = Fixtures.T0;

  private static List<String> fields(List<ItemError> errors) {
    return errors.stream().map(ItemError::field).toList();
  }

  private static Map<String, Object> bigAttributes(int count, int length) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      m.put("custom.k" + i, "x".repeat(length));
    }
    return m;
  }

  private ArtifactRef ref(ArtifactKind kind, String contentType) {
    return new ArtifactRef(
        fx.artifactId(),
        kind,
        "ovpo://a/" + fx.uuid(),
        contentType,
        10,
        Optional.empty(),
        OptionalInt.empty());
  }

  @Test
  void validItems_haveNoErrors() {
    assertThat(
            SemanticValidator.validate(
                0, new IngestItem.TraceItem(fx.trace().full().build()), received))
        .isEmpty();
    assertThat(
            SemanticValidator.validate(
                1, new IngestItem.SpanItem(fx.span(trace).build()), received))
        .isEmpty();
    assertThat(
            SemanticValidator.validate(
                2, new IngestItem.FrameEventItem(fx.event(trace).full().build()), received))
        .isEmpty();
    assertThat(
            SemanticValidator.validate(
                3, new IngestItem.ManifestItem(fx.manifest(trace).build()), received))
        .isEmpty();
  }

  @Test
  void attributesOver32KiB_areASemanticViolation() {
    IngestItem fits =
        new IngestItem.SpanItem(fx.span(trace).attributes(bigAttributes(7, 4000)).build());
    IngestItem tooBig =
        new IngestItem.SpanItem(fx.span(trace).attributes(bigAttributes(9, 4000)).build());

    assertThat(SemanticValidator.validate(0, fits, received)).isEmpty();
    List<ItemError> errors = SemanticValidator.validate(4, tooBig, received);
    assertThat(errors).hasSize(1);
    ItemError e = errors.get(0);
    assertThat(e.itemIndex()).isEqualTo(4);
    assertThat(e.itemType()).contains(ItemType.SPAN);
    assertThat(e.code()).isEqualTo(ErrorCode.SEMANTIC_VIOLATION);
    assertThat(e.field()).isEqualTo("/data/attributes");
  }

  @Test
  void attributesSize_isTheCompactJsonByteLength() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("custom.a", 1L);
    m.put("custom.b", "é\"");
    m.put("custom.c", List.of(true, 2.5));
    // {"custom.a":1,"custom.b":"é\"","custom.c":[true,2.5]} with é as two UTF-8 bytes
    String json = "{\"custom.a\":1,\"custom.b\":\"é\\\"\",\"custom.c\":[true,2.5]}";
    assertThat(SemanticValidator.attributesSize(Attributes.of(m)))
        .isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(SemanticValidator.attributesSize(Attributes.empty())).isEqualTo(2);
  }

  @Test
  void traceTimesMoreThan24hInTheFuture_areRejected() {
    Instant tooLate = received.plus(Duration.ofHours(24)).plusMillis(1);
    IngestItem ok =
        new IngestItem.TraceItem(fx.trace().createdAt(received.plus(Duration.ofHours(23))).build());
    IngestItem bad = new IngestItem.TraceItem(fx.trace().createdAt(tooLate).build());

    assertThat(SemanticValidator.validate(0, ok, received)).isEmpty();
    assertThat(fields(SemanticValidator.validate(0, bad, received)))
        .containsExactly("/data/created_at", "/data/started_at");
  }

  @Test
  void spanLongerThan7Days_isRejected() {
    long week = Duration.ofDays(7).toMillis();
    assertThat(
            SemanticValidator.validate(
                0, new IngestItem.SpanItem(fx.span(trace).durationMs(week).build()), received))
        .isEmpty();
    assertThat(
            fields(
                SemanticValidator.validate(
                    0,
                    new IngestItem.SpanItem(fx.span(trace).durationMs(week + 1).build()),
                    received)))
        .containsExactly("/data/end_time");
  }

  @Test
  void frameEventThumbnail_mustBeAThumbnailImage() {
    FrameEvent base = fx.event(trace).build();
    FrameEvent frameKind = withThumbnail(base, ref(ArtifactKind.FRAME, "image/png"));
    FrameEvent videoType = withThumbnail(base, ref(ArtifactKind.THUMBNAIL, "video/mp4"));

    assertThat(
            fields(
                SemanticValidator.validate(0, new IngestItem.FrameEventItem(frameKind), received)))
        .containsExactly("/data/thumbnail/kind");
    assertThat(
            fields(
                SemanticValidator.validate(0, new IngestItem.FrameEventItem(videoType), received)))
        .containsExactly("/data/thumbnail/content_type");
  }

  @Test
  void manifestArtifacts_mustHaveAContentTypeFittingTheirKind() {
    ArtifactManifest m =
        new ArtifactManifest(
            fx.manifestId(),
            trace,
            List.of(
                ref(ArtifactKind.VIDEO, "video/mp4"),
                ref(ArtifactKind.VIDEO, "application/vnd.apple.mpegurl"),
                ref(ArtifactKind.THUMBNAIL, "video/mp4"),
                ref(ArtifactKind.FRAME, "IMAGE/PNG"),
                ref(ArtifactKind.VIDEO, "image/gif"),
                ref(ArtifactKind.LOG, "text/plain"),
                ref(ArtifactKind.LATENT, "application/octet-stream")));

    assertThat(fields(SemanticValidator.validate(0, new IngestItem.ManifestItem(m), received)))
        .containsExactly("/data/artifacts/2/content_type", "/data/artifacts/4/content_type");
  }

  private static FrameEvent withThumbnail(FrameEvent e, ArtifactRef thumb) {
    return new FrameEvent(
        e.eventId(),
        e.traceId(),
        e.spanId(),
        e.eventType(),
        e.frameIndex(),
        e.mediaTimeMs(),
        e.observedAt(),
        e.qualityMetrics(),
        e.gpu(),
        Optional.of(thumb),
        e.attributes());
  }
}
