package io.ovpo.app.common.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.core.service.RetentionSettings;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
  private static ArtifactRef ref(String uri) {
    return new ArtifactRef(
        ArtifactId.random(),
        ArtifactKind.VIDEO,
        uri,
        "video/mp4",
        1,
        Optional.empty(),
        OptionalInt.empty());
  }

  @Test
  void defaults_runDailyInBatchesOf500_andManageOnlyOvpoStorage() {
    RetentionConfig c = RetentionConfig.of(OvpoConfig.load(Map.of()));
    assertThat(c.enabled()).isTrue();
    assertThat(c.interval()).isEqualTo(Duration.ofDays(1));
    assertThat(c.deletionPoll()).isEqualTo(Duration.ofSeconds(5));
    RetentionSettings s = c.settings();
    assertThat(s.batchSize()).isEqualTo(500);
    assertThat(s.batchPause()).isEqualTo(Duration.ofMillis(20));
    assertThat(s.managedStorage().objectKey(ref("ovpo://a/b"))).contains("a/b");
    assertThat(s.managedStorage().objectKey(ref("s3://renders/b"))).isEmpty();
  }

  @Test
  void managedBuckets_areTheS3BucketsWhoseObjectsOvpoDeletes() {
    RetentionConfig c =
        RetentionConfig.of(
            OvpoConfig.load(Map.of("OVPO_RETENTION_MANAGED_BUCKETS", " renders , latents")));
    assertThat(c.settings().managedStorage().objectKey(ref("s3://renders/x/y.mp4")))
        .contains("renders/x/y.mp4");
    assertThat(c.settings().managedStorage().objectKey(ref("s3://latents/z"))).isPresent();
    assertThat(c.settings().managedStorage().objectKey(ref("s3://rendersx/z"))).isEmpty();
  }

  @Test
  void outOfRangeValues_areReportedTogether() {
    assertThatThrownBy(
            () ->
                RetentionConfig.of(
                    OvpoConfig.load(
                        Map.of(
                            "OVPO_RETENTION_INTERVAL_MINUTES", "1441",
                            "OVPO_RETENTION_BATCH_SIZE", "0",
                            "OVPO_RETENTION_MANAGED_BUCKETS", "Bad_Bucket"))))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anyMatch(p -> p.contains("OVPO_RETENTION_INTERVAL_MINUTES"))
                    .anyMatch(p -> p.contains("OVPO_RETENTION_BATCH_SIZE"))
                    .anyMatch(p -> p.contains("Bad_Bucket")));
  }
}
