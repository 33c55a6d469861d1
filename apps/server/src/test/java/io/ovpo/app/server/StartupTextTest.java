package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.wire.BatchDecoder;
import io.ovpo.wire.DecodedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StartupTextTest {
  private static final String KEY = "ovpo_quickstart1_AbCdEfGhIjKlMnOpQrStUvWxYz012345";

  @Test
  void firstBatchCurl_sendsABatchTheCollectorAccepts() {
    String json =
        StartupText.firstBatch(UUID.randomUUID(), Instant.parse("2026-01-02T03:04:05.678912Z"));
    DecodedBatch batch = BatchDecoder.fromClasspath().decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(batch.items()).singleElement().isInstanceOf(DecodedItem.Valid.class);
    assertThat(json).contains("\"created_at\":\"2026-01-02T03:04:05.678Z\"").doesNotContain("'");
  }

  @Test
  void readyText_givesPasteableCommandsForTheBaseUrl() {
    String text =
        String.join("\n", StartupText.ready("http://localhost:9000", "hint", "{\"items\":[]}"));
    assertThat(text)
        .contains("curl -sS -X POST http://localhost:9000/v1/ingest/batch")
        .contains("-H \"X-OVPO-Schema-Version: 0.08\"")
        .contains("-d '{\"items\":[]}'")
        .contains(
            "curl -sS -H \"Authorization: Bearer $OVPO_API_KEY\" http://localhost:9000/v1/traces")
        .contains("http://localhost:9000/ready");
  }

  @Test
  void configuredKey_isNeverPrintedInFull() {
    OvpoConfig config = OvpoConfig.load(Map.of("OVPO_BOOTSTRAP_API_KEY", KEY));
    String printed =
        String.join("\n", StartupText.configuration(config)) + StartupText.keyHint(config, false);
    assertThat(printed).doesNotContain("AbCdEfGhIjKlMnOpQrStUvWxYz012345");
    assertThat(printed).contains("ovpo_quickstart1_****");
  }

  @Test
  void generatedKey_isShownWithItsExportLine() {
    assertThat(StartupText.generatedKey("default", KEY))
        .contains("    " + KEY, "  export OVPO_API_KEY=" + KEY);
  }

  @Test
  void keyHint_explainsAMissingKeyWhenNoneWasGeneratedOrConfigured() {
    assertThat(StartupText.keyHint(OvpoConfig.load(Map.of()), false))
        .contains("created earlier")
        .contains("'default'");
  }
}
