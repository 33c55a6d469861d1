package io.ovpo.schemas;

import static io.ovpo.schemas.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages read as plain English and start with the pointer they are about. */
class ErrorMessagesTest {
  private final SchemaValidator validator = Validators.CLASSPATH;

  private List<String> messages(EntityType type, ObjectNode doc) {
    return validator.validate(type, doc).stream().map(ValidationError::message).toList();
  }

  @Test
  void badTimestampInABatchItem_namesTheFormat() {
    ObjectNode span = Fixtures.span().put("start_time", "2025-03-01T12:00:01+00:00");

    assertThat(validator.validateItem(0, item("span", span)).errors())
        .extracting(ValidationError::message)
        .containsExactly(
            "/data/start_time: does not match the timestamp format YYYY-MM-DDTHH:MM:SS.mmmZ");
  }

  @Test
  void impossibleDate_isNotARealDate() {
    assertThat(
            messages(
                EntityType.SPAN, Fixtures.span().put("start_time", "2025-02-29T10:00:00.000Z")))
        .containsExactly("/start_time: is not a real UTC date and time");
  }

  @Test
  void failedTrace_withoutFailure_isRejectedAtFailure() {
    assertThat(messages(EntityType.TRACE, Fixtures.trace().put("status", "FAILED")))
        .containsExactly("/failure: is required when status is FAILED");
  }

  @Test
  void completedTrace_withFailure_isRejectedAtFailure() {
    ObjectNode trace = Fixtures.trace().put("status", "COMPLETED");
    trace.set("failure", Fixtures.failure());

    assertThat(messages(EntityType.TRACE, trace))
        .containsExactly("/failure: is only allowed when status is FAILED");
  }

  @Test
  void traceWithPipelineConfigAndRef_isRejectedAtPipelineConfig() {
    ObjectNode trace = Fixtures.trace();
    trace.set("pipeline_config", Fixtures.pipelineConfig());

    assertThat(messages(EntityType.TRACE, trace))
        .containsExactly(
            "/pipeline_config: is not allowed together with pipeline_config_ref; send exactly one"
                + " of them");
  }

  @Test
  void traceWithNeitherPipelineConfigNorRef_isRejectedAtPipelineConfig() {
    ObjectNode trace = Fixtures.trace();
    trace.remove("pipeline_config_ref");

    assertThat(messages(EntityType.TRACE, trace))
        .containsExactly(
            "/pipeline_config: is required unless pipeline_config_ref is given; send exactly one"
                + " of them");
  }

  @Test
  void unknownStatus_listsTheAllowedValues() {
    assertThat(messages(EntityType.TRACE, Fixtures.trace().put("status", "DONE")))
        .containsExactly(
            "/status: must be one of PENDING, RUNNING, COMPLETED, FAILED, PARTIAL, CANCELLED");
  }

  @Test
  void wrongType_namesExpectedAndFound() {
    assertThat(messages(EntityType.TRACE, Fixtures.trace().put("legal_hold", "yes")))
        .containsExactly("/legal_hold: must be of type boolean (found string)");
  }

  @Test
  void unknownField_pointsAtItAndAtAttributes() {
    assertThat(messages(EntityType.SPAN, Fixtures.span().put("duration_ms", 5)))
        .containsExactly(
            "/duration_ms: is not a known field; unknown fields are rejected (extensions belong in"
                + " attributes, under a custom. key)");
  }

  @Test
  void missingField_isRequired() {
    ObjectNode span = Fixtures.span();
    span.remove("name");

    assertThat(messages(EntityType.SPAN, span)).containsExactly("/name: is required");
  }

  @Test
  void emptyString_mustNotBeEmpty() {
    assertThat(messages(EntityType.SPAN, Fixtures.span().put("name", "")))
        .containsExactly("/name: must not be empty");
  }

  @Test
  void nonUuidId_showsTheExpectedShape() {
    assertThat(messages(EntityType.SPAN, Fixtures.span().put("span_id", "span-1")))
        .containsExactly(
            "/span_id: must be a lower-case UUID v4 like 3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b");
  }

  @Test
  void overflowingNumber_isNotFinite() {
    ObjectNode event = Fixtures.frameEvent();
    event.putObject("quality_metrics").put("sharpness", Double.POSITIVE_INFINITY);

    assertThat(messages(EntityType.FRAME_EVENT, event))
        .containsExactly("/quality_metrics/sharpness: must be a finite number");
  }

  @Test
  void keysWithSlashOrTilde_areEscapedInThePointer() {
    ObjectNode trace = Fixtures.trace();
    trace.putObject("tags").put("a/b~c", "x");

    assertThat(validator.validate(EntityType.TRACE, trace))
        .extracting(ValidationError::pointer)
        .containsExactly("/tags/a~1b~0c");
  }

  @Test
  void rootErrors_sayRoot() {
    assertThat(validator.validateEnvelope(Examples.parse("[]")))
        .extracting(ValidationError::message)
        .containsExactly("(root): must be an object holding items");
  }

  @Test
  void everyMessageOfEveryInvalidExample_isReadable() {
    var expectations = Examples.expectations();
    for (Path file : Examples.invalidFiles()) {
      EntityType type = expectations.get(file.getFileName().toString()).type();
      for (ValidationError e : validator.validateFile(file, type).errors()) {
        String prefix = e.pointer().isEmpty() ? "(root)" : e.pointer();
        assertThat(e.message())
            .as(file.getFileName().toString())
            .startsWith(prefix + ": ")
            .doesNotContain("{0}", "''", "networknt", "null", "?)")
            .hasSizeLessThan(prefix.length() + 200);
      }
    }
  }
}
