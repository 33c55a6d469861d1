package io.ovpo.wire;

import static io.ovpo.wire.Json.ARTIFACT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ModelReaderTest {
  @Test
  void minimalTrace_getsDefaults() {
    Trace t = ModelReader.trace(Json.minimalTrace());
    assertThat(t.status()).isEqualTo(TraceStatus.RUNNING);
    assertThat(t.legalHold()).isFalse();
    assertThat(t.tags().isEmpty()).isTrue();
    assertThat(t.attributes().isEmpty()).isTrue();
    assertThat(t.pipelineConfigRef()).contains("wan-720p");
  }

  @Test
  void spanWithoutStatus_isUnset() {
    assertThat(ModelReader.span(Json.minimalSpan()).status()).isEqualTo(SpanStatus.UNSET);
  }

  @Test
  void gpuCountZero_isSemanticViolationAtNestedPointer() {
    ObjectNode t = Json.minimalTrace();
    t.remove("pipeline_config_ref");
    t.set(
        "pipeline_config",
        Json.parse(
            "{'model_name':'m','width':1,'height':1,'fps':24,'num_frames':1,"
                + "'hardware':{'gpu_type':'H100','gpu_count':0}}"));
    assertTraceError(t, ErrorCode.SEMANTIC_VIOLATION, "/data/pipeline_config/hardware/gpu_count");
  }

  @Test
  void endedBeforeStarted_isSemanticViolation() {
    ObjectNode t = Json.minimalTrace();
    t.put("status", "COMPLETED");
    t.put("ended_at", "2025-03-01T12:00:00.500Z");
    assertTraceError(t, ErrorCode.SEMANTIC_VIOLATION, "/data/ended_at");
  }

  @Test
  void endedAtOnRunningTrace_isSemanticViolation() {
    ObjectNode t = Json.minimalTrace();
    t.put("ended_at", "2025-03-01T12:00:05.000Z");
    WireValueException e = traceError(t);
    assertThat(e.pointer()).isEqualTo("/data/ended_at");
    assertThat(e.reason()).contains("terminal");
  }

  @Test
  void shapeProblems_areSchemaViolationsAtTheField() {
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.remove("created_at")),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/created_at");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.put("created_at", "2025-03-01T12:00:00Z")),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/created_at");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.put("status", "running")),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/status");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.put("expected_frames", 2.5)),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/expected_frames");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.putNull("prompt_hash")),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/prompt_hash");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.put("trace_id", "not-a-uuid")),
        ErrorCode.SEMANTIC_VIOLATION,
        "/data/trace_id");
  }

  @Test
  void integralFloat_isAcceptedWhereTheSchemaSaysInteger() {
    ObjectNode t = edit(Json.minimalTrace(), x -> x.put("expected_frames", 48.0));
    assertThat(ModelReader.trace(t).expectedFrames()).hasValue(48);
  }

  @Test
  void attributeProblems_pointAtTheKey() {
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.set("attributes", Json.parse("{'custom.x':{'a':1}}"))),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/attributes/custom.x");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.set("attributes", Json.parse("{'custom.x':[1,[2]]}"))),
        ErrorCode.SCHEMA_VIOLATION,
        "/data/attributes/custom.x/1");
    assertTraceError(
        edit(
            Json.minimalTrace(),
            t -> t.set("attributes", Json.parse("{'custom.big':123456789012345678901234}"))),
        ErrorCode.SEMANTIC_VIOLATION,
        "/data/attributes/custom.big");
    assertTraceError(
        edit(Json.minimalTrace(), t -> t.set("attributes", Json.parse("{'other.x':1}"))),
        ErrorCode.SEMANTIC_VIOLATION,
        "/data/attributes");
  }

  @Test
  void attributeNumbers_areLongOrDouble() {
    ObjectNode t =
        edit(
            Json.minimalTrace(),
            x ->
                x.set(
                    "attributes", Json.parse("{'custom.i':7,'custom.d':1.5,'custom.l':[1,2.0]}")));
    Attributes a = ModelReader.trace(t).attributes();
    assertThat(a.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("custom.i", 7L, "custom.d", 1.5, "custom.l", List.of(1L, 2.0)));
  }

  @Test
  void tagValueTooLong_pointsAtTheTag() {
    ObjectNode t = Json.minimalTrace();
    t.putObject("tags").put("campaign.id", "x".repeat(257));
    assertTraceError(t, ErrorCode.SEMANTIC_VIOLATION, "/data/tags/campaign.id");
  }

  @Test
  void failureSpanId_isCheckedAtItsOwnPointer() {
    ObjectNode t = Json.minimalTrace();
    t.put("status", "FAILED");
    t.set(
        "failure",
        Json.parse("{'code':'OOM','message':'out of memory','retryable':true,'span_id':'x'}"));
    assertTraceError(t, ErrorCode.SEMANTIC_VIOLATION, "/data/failure/span_id");
  }

  @Test
  void spanRules_pointAtTheirFields() {
    ObjectNode own = edit(Json.minimalSpan(), s -> s.put("parent_span_id", Json.SPAN_ID));
    assertThat(error(() -> ModelReader.span(own)).pointer()).isEqualTo("/data/parent_span_id");
    ObjectNode early = edit(Json.minimalSpan(), s -> s.put("end_time", "2025-03-01T12:00:01.999Z"));
    WireValueException e = error(() -> ModelReader.span(early));
    assertThat(e.pointer()).isEqualTo("/data/end_time");
    assertThat(e.code()).isEqualTo(ErrorCode.SEMANTIC_VIOLATION);
  }

  @Test
  void frameEventParts_pointIntoTheirObjects() {
    ObjectNode thumb =
        edit(
            Json.minimalEvent(),
            e -> e.set("thumbnail", Json.artifact(ARTIFACT_ID).put("uri", "https://x")));
    assertThat(error(() -> ModelReader.frameEvent(thumb)).pointer())
        .isEqualTo("/data/thumbnail/uri");
    ObjectNode clip =
        edit(
            Json.minimalEvent(),
            e -> e.set("quality_metrics", Json.parse("{'clip_similarity':2}")));
    assertThat(error(() -> ModelReader.frameEvent(clip)).pointer())
        .isEqualTo("/data/quality_metrics/clip_similarity");
    ObjectNode gpu =
        edit(
            Json.minimalEvent(),
            e -> e.set("gpu", Json.parse("{'vram_used_mb':1,'gpu_utilization_pct':101}")));
    assertThat(error(() -> ModelReader.frameEvent(gpu)).pointer())
        .isEqualTo("/data/gpu/gpu_utilization_pct");
  }

  @Test
  void manifestProblems_pointAtTheArtifact() {
    ObjectNode badSha = Json.minimalManifest();
    badSha
        .withArray("artifacts")
        .add(Json.artifact("2c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f").put("sha256", "AB"));
    assertThat(error(() -> ModelReader.manifest(badSha)).pointer())
        .isEqualTo("/data/artifacts/1/sha256");
    ObjectNode repeated = Json.minimalManifest();
    repeated.withArray("artifacts").add(Json.artifact(ARTIFACT_ID));
    WireValueException e = error(() -> ModelReader.manifest(repeated));
    assertThat(e.pointer()).isEqualTo("/data/artifacts/1/artifact_id");
    assertThat(e.code()).isEqualTo(ErrorCode.SEMANTIC_VIOLATION);
    assertThat(e.reason()).contains("/data/artifacts/0");
  }

  @Test
  void basePointer_isConfigurable() {
    ObjectNode t = edit(Json.minimalTrace(), x -> x.remove("status"));
    assertThat(error(() -> ModelReader.trace(t, "/items/4/data")).pointer())
        .isEqualTo("/items/4/data/status");
    assertThat(error(() -> ModelReader.trace(t, "")).pointer()).isEqualTo("/status");
  }

  @Test
  void nonAsciiText_survives() {
    ObjectNode s = edit(Json.minimalSpan(), x -> x.put("name", "décodage 漢字 😀"));
    assertThat(ModelReader.span(s).name()).isEqualTo("décodage 漢字 😀");
  }

  private static ObjectNode edit(ObjectNode node, Consumer<ObjectNode> change) {
    change.accept(node);
    return node;
  }

  private static void assertTraceError(ObjectNode data, ErrorCode code, String pointer) {
    WireValueException e = traceError(data);
    assertThat(e.pointer()).as(e.getMessage()).isEqualTo(pointer);
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).startsWith(pointer + ": ");
  }

  private static WireValueException traceError(ObjectNode data) {
    return error(() -> ModelReader.trace(data));
  }

  private static WireValueException error(Runnable r) {
    WireValueException e = catchThrowableOfType(WireValueException.class, r::run);
    assertThat(e).as("expected a WireValueException").isNotNull();
    return e;
  }
}
