package io.ovpo.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {
  @Test
  void tenantSubject_isAStablePartitionUnderThePrefix() {
    TenantId acme = TenantId.of("acme");
    String subject = settings(16).subjectFor(acme);
    assertThat(subject).isEqualTo("ovpo.ingest." + Math.floorMod("acme".hashCode(), 16));
    assertThat(settings(16).subjectFor(acme)).isEqualTo(subject);
    assertThat(subject).matches("ovpo\\.ingest\\.([0-9]|1[0-5])");
  }

  @Test
  void deadLetterSubject_isOutsideTheIngestSubjects() {
    NatsSettings s = settings(16);
    assertThat(s.deadLetterSubject()).isEqualTo("ovpo.ingest-dlq");
    assertThat(s.deadLetterSubject().split("\\.")).hasSize(2); // ovpo.ingest.* needs three tokens
    assertThat(s.deadLetterStream()).isEqualTo("OVPO_INGEST_DLQ");
  }

  @Test
  void groupNames_becomeLegalDurableNames() {
    assertThat(NatsSettings.durableName("processor")).isEqualTo("processor");
    assertThat(NatsSettings.durableName("proc.v2 *>")).isEqualTo("proc_v2___");
    assertThatThrownBy(() -> NatsSettings.durableName(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void partitionOfASubject_isTheTenantsPartition_andMinusOneForOtherSubjects() {
    NatsSettings s = settings(16);
    TenantId acme = TenantId.of("acme");
    assertThat(s.partitionOf(s.subjectFor(acme))).isEqualTo(Math.floorMod("acme".hashCode(), 16));
    assertThat(s.partitionOf("ovpo.ingest.15")).isEqualTo(15);
    assertThat(s.partitionOf("ovpo.ingest.16")).isEqualTo(-1);
    assertThat(s.partitionOf("ovpo.ingest-dlq")).isEqualTo(-1);
    assertThat(s.partitionOf("ovpo.ingest.x")).isEqualTo(-1);
    assertThat(s.partitionOf("other.ingest.1")).isEqualTo(-1);
  }

  @Test
  void partitionConsumers_areNamedAfterTheGroup() {
    assertThat(NatsSettings.partitionDurable("ovpo-processor", 3)).isEqualTo("ovpo-processor_p3");
    assertThat(NatsSettings.durableName("g".repeat(300))).hasSize(190);
  }

  @Test
  void leaseTtl_isTheAckWaitPlusTwoHeartbeats_ofAThirdOfItBetween100msAnd5s() {
    assertThat(settings(16, Duration.ofSeconds(30)).heartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings(16, Duration.ofSeconds(30)).leaseTtl()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings(16, Duration.ofSeconds(3)).heartbeat()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings(16, Duration.ofSeconds(3)).leaseTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings(16, Duration.ofMillis(150)).heartbeat()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void invalidNames_areRejectedByTheBuilder() {
    assertThatThrownBy(() -> NatsIngestQueue.builder().stream("OVPO.INGEST").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream name");
    assertThatThrownBy(() -> NatsIngestQueue.builder().subjectPrefix("ovpo.*").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject prefix");
  }

  private static NatsSettings settings(int partitions) {
    return settings(partitions, Duration.ofSeconds(30));
  }

  private static NatsSettings settings(int partitions, Duration ackWait) {
    return new NatsSettings(
        "nats://127.0.0.1:4222",
        "OVPO_INGEST",
        "ovpo.ingest",
        partitions,
        io.nats.client.api.StorageType.File,
        1,
        java.time.Duration.ofMinutes(2),
        java.time.Duration.ofDays(1),
        java.time.Duration.ofDays(1),
        ackWait,
        5,
        1000,
        java.time.Duration.ofSeconds(10),
        "ovpo",
        io.ovpo.ports.out.MetricsRecorder.noop(),
        java.time.Clock.systemUTC());
  }
}
