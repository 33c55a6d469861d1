package io.ovpo.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.schemas.BatchResult;
import io.ovpo.schemas.SchemaValidator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FakeVideoPipelineTest {
  private static final SchemaValidator SCHEMAS = SchemaValidator.fromClasspath();
  private static final Instant START = Instant.parse("2026-11-25T10:00:00.000Z");

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyBatch_isValidAgainstTheV008Schemas(Scenario scenario) {
    for (ObjectNode batch : new FakeVideoPipeline(DemoJob.of(7, scenario), START).batches()) {
      BatchResult r = SCHEMAS.validateBatch(batch);
      assertThat(r.errors()).as(scenario + " " + batch).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void sameSeed_givesTheSameBatches(Scenario scenario) {
    List<ObjectNode> a = new FakeVideoPipeline(DemoJob.of(11, scenario), START).batches();
    List<ObjectNode> b = new FakeVideoPipeline(DemoJob.of(11, scenario), START).batches();
    assertThat(a).isEqualTo(b);
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"OOM", "TIMEOUT"})
  void failureScenarios_endFailedWithTheirCode(Scenario scenario) {
    List<ObjectNode> batches = new FakeVideoPipeline(DemoJob.of(3, scenario), START).batches();
    ObjectNode last =
        (ObjectNode)
            batches
                .get(batches.size() - 1)
                .get("items")
                .get(batches.get(batches.size() - 1).get("items").size() - 1);
    assertThat(last.get("data").get("status").asText()).isEqualTo("FAILED");
    assertThat(last.get("data").get("failure").get("code").asText()).isEqualTo(scenario.name());
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"MISSING_FRAMES"})
  void missingFrames_reportsCompletedWithFewerFramesThanExpected(Scenario scenario) {
    DemoJob job = DemoJob.of(5, scenario);
    long frames =
        new FakeVideoPipeline(job, START)
            .batches().stream()
                .flatMap(
                    b -> java.util.stream.StreamSupport.stream(b.get("items").spliterator(), false))
                .filter(i -> i.get("item_type").asText().equals("frame_event"))
                .filter(i -> i.get("data").get("event_type").asText().equals("FRAME_GENERATED"))
                .count();
    assertThat(frames).isEqualTo(job.frames() - 3L);
  }
}
