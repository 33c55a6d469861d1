package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTypeTest {

  @Test
  void itemTypes_areTheFourWireNames_andNeverBatch() {
    assertThat(EntityType.fromItemType("trace")).contains(EntityType.TRACE);
    assertThat(EntityType.fromItemType("span")).contains(EntityType.SPAN);
    assertThat(EntityType.fromItemType("frame_event")).contains(EntityType.FRAME_EVENT);
    assertThat(EntityType.fromItemType("artifact_manifest")).contains(EntityType.ARTIFACT_MANIFEST);
    assertThat(EntityType.fromItemType("batch")).isEmpty();
    assertThat(EntityType.fromItemType("TRACE")).isEmpty();
    assertThat(EntityType.fromWireName("batch")).contains(EntityType.BATCH);
  }

  @Test
  void schemaIds_areUnderTheOvpoPrefix() {
    assertThat(EntityType.BATCH.schemaId())
        .isEqualTo("https://ovpo.io/schemas/v0.08/ingest_batch.json");
    assertThat(EntityType.FRAME_EVENT.schemaId())
        .isEqualTo("https://ovpo.io/schemas/v0.08/frame_event.json");
  }

  @Test
  void detect_looksAtTheIdFields_mostSpecificFirst() {
    assertThat(EntityType.detect(Fixtures.batch())).contains(EntityType.BATCH);
    assertThat(EntityType.detect(Fixtures.manifest())).contains(EntityType.ARTIFACT_MANIFEST);
    assertThat(EntityType.detect(Fixtures.frameEvent().put("span_id", Fixtures.uuid())))
        .contains(EntityType.FRAME_EVENT);
    assertThat(EntityType.detect(Fixtures.span())).contains(EntityType.SPAN);
    assertThat(EntityType.detect(Fixtures.trace())).contains(EntityType.TRACE);
    assertThat(EntityType.detect(Examples.parse("{\"x\": 1}"))).isEmpty();
    assertThat(EntityType.detect(Examples.parse("[{\"trace_id\": 1}]"))).isEmpty();
  }
}
