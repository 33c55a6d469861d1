package io.ovpo.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit statuses, the batch mode, the report file. */
class ComplianceMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ComplianceMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path batchFile(boolean broken) throws Exception {
    StringBuilder lines = new StringBuilder();
    String traceId = Items.id();
    for (Batch b :
        ReferencePipeline.batches(new Items("cli"), traceId, Instant.now().minusSeconds(600))) {
      lines.append(b.json()).append('\n');
    }
    if (broken) { // a frame observed a minute before the others: observed_at regresses
      lines
          .append(
              Batch.of()
                  .frame(
                      Items.frame(
                          traceId, "FRAME_GENERATED", 99, 99_000, Instant.now().minusSeconds(3600)))
                  .json())
          .append('\n');
    }
    Path file = dir.resolve(broken ? "broken.jsonl" : "good.jsonl");
    Files.writeString(file, lines);
    return file;
  }

  @Test
  void checkBatch_ofAWellInstrumentedPipeline_exits0_andWritesTheReport() throws Exception {
    Path report = dir.resolve("report.json");
    assertThat(run("--check-batch", batchFile(false).toString(), "--report", report.toString()))
        .as(out.toString(StandardCharsets.UTF_8))
        .isZero();
    var json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("mode").asText()).isEqualTo("batch");
    assertThat(json.path("passed").asBoolean()).isTrue();
    assertThat(json.path("summary").path("total").asInt()).isEqualTo(6);
  }

  @Test
  void checkBatch_withABrokenInvariant_exits1_andPrintsTheFinding() throws Exception {
    assertThat(run("--check-batch", batchFile(true).toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("FAIL  invariant.observed-at-skew[")
        .contains("FAILED");
  }

  @Test
  void usageErrors_exit2() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument: --bogus");
    assertThat(run("--url", "http://127.0.0.1:1", "--api-key", "k", "--only", "nothing"))
        .isEqualTo(2);
    assertThat(run("--check-batch", dir.resolve("missing.json").toString())).isEqualTo(2);
  }

  @Test
  void unreachableServer_exits2_beforeRunningAnything() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(run("--url", "http://127.0.0.1:" + port, "--api-key", "k")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ");
  }

  @Test
  void list_printsEveryCheckWithItsSection() {
    assertThat(run("--list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .hasSize(ComplianceSuite.checks().size())
        .anySatisfy(l -> assertThat(l).startsWith("idempotency.replay ").contains("02 §4 rule 4"));
  }
}
