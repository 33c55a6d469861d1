package io.ovpo.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.TenantId;
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
  void invalidNames_areRejectedByTheBuilder() {
    assertThatThrownBy(() -> NatsIngestQueue.builder().stream("OVPO.INGEST").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream name");
    assertThatThrownBy(() -> NatsIngestQueue.builder().subjectPrefix("ovpo.*").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject prefix");
  }

  private static NatsSettings settings(int partitions) {
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
        java.time.Duration.ofSeconds(30),
        5,
        1000,
        java.time.Duration.ofSeconds(10),
        "ovpo",
        io.ovpo.ports.out.MetricsRecorder.noop(),
        java.time.Clock.systemUTC());
  }
}
