package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  private static IngestSettings waiting(Duration inProgressWait) {
    IngestSettings d = IngestSettings.DEFAULT;
    return new IngestSettings(
        inProgressWait,
        d.inProgressPoll(),
        d.claimLockTtl(),
        d.idempotencyRetention(),
        d.publishAttempts(),
        d.publishBackoff(),
        d.maxEnvelopePayloadBytes());
  }

  @Test
  void byDefault_aConcurrentDuplicateWaitsFiveSeconds_beforeConflict() {
    assertThat(IngestSettings.defaults().inProgressWait()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aWaitOverFiveSeconds_isRefused() {
    assertThat(waiting(Duration.ofSeconds(5)).inProgressWait()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> waiting(Duration.ofSeconds(5).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 5 s");
  }
}
