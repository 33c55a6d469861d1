package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.BatchDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovpo admin retention run-now} and {@code ovpo admin gdpr ...} (spec chapter 08). */
@ExtendWith(TestServer.class)
class RetentionAndGdprIT {
  @TempDir Path home;

  @Test
  void retentionRunNow_printsTheRunsReport() {
    CliRun root = TestServer.cli(home);

    CliRun.Result table = root.run("admin", "retention", "run-now");
    CliRun.Result json = root.run("admin", "retention", "run-now", "-o", "json");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out()).contains("deleted traces").contains("held (legal hold)");
    JsonNode report = Traces.json(json);
    assertThat(report.path("tenant_id").asText()).isEqualTo(TestServer.ROOT_TENANT);
    assertThat(report.path("run_id").asText()).isNotEmpty();
    assertThat(report.path("deleted").has("traces")).isTrue();
  }

  @Test
  void deleteUser_erasesTheUsersTraces_andWaitFollowsItToCompleted() throws Exception {
    CliRun root = TestServer.cli(home);
    String hash =
        BatchDecoder.sha256Hex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    TraceFixture job = new TraceFixture(2, "gdpr", hash);
    assertThat(root.run("ingest", job.write(home).toString()).exit()).isZero();
    Traces.awaitStored(root, job);

    CliRun.Result deleted =
        root.run(
            "admin",
            "gdpr",
            "delete-user",
            hash,
            "--tenant",
            TestServer.ROOT_TENANT,
            "--yes",
            "--reason",
            "ticket 42",
            "--wait",
            "--wait-timeout",
            "30",
            "-o",
            "json");

    assertThat(deleted.exit()).as(deleted.toString()).isZero();
    JsonNode tombstone = Traces.json(deleted);
    assertThat(tombstone.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(tombstone.path("trace_count").asInt()).isEqualTo(1);
    assertThat(tombstone.path("reason").asText()).isEqualTo("ticket 42");
    assertThat(root.run("traces", "get", job.traceId).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    CliRun.Result status =
        root.run("admin", "gdpr", "status", tombstone.path("deletion_id").asText());
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("COMPLETED").contains(hash);
  }

  @Test
  void unknownDeletion_exitsWith5() {
    CliRun.Result r = TestServer.cli(home).run("admin", "gdpr", "status", TraceFixture.uuid());

    assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("NOT_FOUND (HTTP 404)");
  }
}
