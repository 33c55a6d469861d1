package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.app.cli.config.Connection;
import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.http.ApiException;
import io.ovpo.app.cli.input.Batches;
import io.ovpo.app.cli.input.InputItem;
import io.ovpo.app.cli.input.InputReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries of ingest batches, against a scripted server (a real one is not overloaded on demand).
 */
class IngestRetryTest {
  static final String KEY = "ovpo_abcd1234_SecretSecretSecretSecretSecretSecret";

  @TempDir Path dir;

  private Batches.Batch oneBatch() throws Exception {
    Path f = dir.resolve("one.json");
    Files.writeString(
        f,
        "{\"trace_id\": \"9fbd8735-80ed-4503-bea0-3260d7ef27bb\", \"status\": \"PENDING\","
            + " \"created_at\": \"2025-03-02T08:14:59.999Z\", \"pipeline_config_ref\": \"default\"}");
    List<InputItem> items = InputReader.read(f, Optional.empty()).items();
    return Batches.plan(items, 10, 1_000_000).batches().get(0);
  }

  private static ApiClient client(ScriptedServer s) {
    return new ApiClient(
        new Connection(URI.create(s.url()), Optional.of(KEY), "test", "test"),
        Duration.ofSeconds(5),
        "test");
  }

  @Test
  void unavailableQueue_isRetriedWithTheSameKey_afterRetryAfter() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            List.of(
                ScriptedServer.error(503, "QUEUE_UNAVAILABLE", Map.of("Retry-After", "2")),
                ScriptedServer.receipt(1)))) {
      List<String> notes = new ArrayList<>();
      List<Long> waits = new ArrayList<>();

      var r = new BatchSender(client(s), 3, notes::add, waits::add).send(oneBatch(), 1, "k-1");

      assertThat(r.status()).isEqualTo(202);
      assertThat(s.seen())
          .extracting(ScriptedServer.Seen::idempotencyKey)
          .containsExactly("k-1", "k-1");
      assertThat(s.seen().get(0).body()).isEqualTo(s.seen().get(1).body());
      assertThat(waits).containsExactly(2000L);
      assertThat(notes).singleElement().asString().contains("QUEUE_UNAVAILABLE").contains("2 s");
    }
  }

  @Test
  void retriesSpent_giveTheServersError() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(List.of(ScriptedServer.error(429, "RATE_LIMITED", Map.of())))) {
      List<Long> waits = new ArrayList<>();

      assertThatThrownBy(
              () -> new BatchSender(client(s), 2, n -> {}, waits::add).send(oneBatch(), 1, "k"))
          .isInstanceOf(ApiException.class)
          .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("RATE_LIMITED"));
      assertThat(s.seen()).hasSize(3);
      assertThat(waits).containsExactly(1000L, 2000L);
    }
  }

  @Test
  void reusedIdempotencyKey_isNotRetried() throws Exception {
    try (ScriptedServer s =
        new ScriptedServer(
            List.of(ScriptedServer.error(422, "IDEMPOTENCY_KEY_REUSED", Map.of())))) {
      assertThatThrownBy(
              () -> new BatchSender(client(s), 3, n -> {}, w -> {}).send(oneBatch(), 1, "k"))
          .isInstanceOf(ApiException.class);
      assertThat(s.seen()).hasSize(1);
    }
  }

  @Test
  void ingest_whoseBatchCannotBeDelivered_reportsItemsNotSent_withExitStatus3() throws Exception {
    Path f = dir.resolve("two.jsonl");
    String trace =
        "{\"trace_id\": \"%s\", \"status\": \"PENDING\", \"created_at\":"
            + " \"2025-03-02T08:14:59.999Z\", \"pipeline_config_ref\": \"default\"}";
    Files.writeString(
        f,
        String.format(trace, "9fbd8735-80ed-4503-bea0-3260d7ef27bb")
            + "\n"
            + String.format(trace, "a4d70dfc-f333-4eb0-9b66-59eab3bfcd5d")
            + "\n");
    try (ScriptedServer s =
        new ScriptedServer(List.of(ScriptedServer.error(503, "QUEUE_UNAVAILABLE", Map.of())))) {
      CliRun.Result r =
          new CliRun(dir)
              .env("OVPO_URL", s.url())
              .env("OVPO_API_KEY", KEY)
              .run("ingest", f.toString(), "--batch-size", "1", "--retries", "0");

      assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(s.seen()).hasSize(1);
      assertThat(r.out()).contains("0 accepted, 0 rejected, 2 not sent");
      assertThat(r.err())
          .contains("QUEUE_UNAVAILABLE (HTTP 503)")
          .contains("[request_id r1]")
          .contains("sent again safely");
    }
  }
}
