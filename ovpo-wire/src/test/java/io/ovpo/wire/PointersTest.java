package io.ovpo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointersTest {
  @Test
  void dottedFieldNames_becomePointerSegments() {
    assertThat(Pointers.fromField("/data", "pipeline_config.hardware.gpu_count"))
        .isEqualTo("/data/pipeline_config/hardware/gpu_count");
    assertThat(Pointers.fromField("/data", "start_time")).isEqualTo("/data/start_time");
    assertThat(Pointers.fromField("/data", "failure.message")).isEqualTo("/data/failure/message");
  }

  @Test
  void mapKeysWithDots_stayOneSegment() {
    assertThat(Pointers.fromField("/data", "attributes.custom.a.b"))
        .isEqualTo("/data/attributes/custom.a.b");
    assertThat(Pointers.fromField("/data", "tags.campaign.id")).isEqualTo("/data/tags/campaign.id");
    assertThat(Pointers.fromField("/data", "quality_metrics.clip_similarity"))
        .isEqualTo("/data/quality_metrics/clip_similarity");
  }

  @Test
  void tokens_areEscapedPerRfc6901() {
    assertThat(Pointers.child("", "a/b~c")).isEqualTo("/a~1b~0c");
    assertThat(Pointers.fromField("", "tags.x/y")).isEqualTo("/tags/x~1y");
  }

  @Test
  void emptyField_isTheBase() {
    assertThat(Pointers.fromField("/data", "")).isEqualTo("/data");
    assertThat(Pointers.fromField("", "name")).isEqualTo("/name");
  }
}
