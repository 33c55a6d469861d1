package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovpo ingest}, {@code traces}, {@code analytics} and {@code costs} against the all-in-one
 * server: a finished job is sent from a file, then read back in every output format.
 */
@ExtendWith(TestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestAndQueryIT {
  static final int WIDTH = 100;

  private Path dir;
  private final String tag = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
  private final TraceFixture job = new TraceFixture(24, tag);
  private final TraceFixture second = new TraceFixture(4, tag);
  private CliRun cli;
  private Path file;
  private CliRun.Result firstIngest;

  @BeforeAll
  void ingestTwoJobs(@TempDir Path tmp) throws Exception {
    dir = tmp;
    cli = TestServer.cli(dir).env("COLUMNS", Integer.toString(WIDTH));
    file = job.write(dir);
    firstIngest = cli.run("ingest", file.toString(), "--batch-size", "10");
    assertThat(cli.run("ingest", second.write(dir).toString()).exit()).isZero();
    Traces.awaitCompleted(cli, job);
    Traces.awaitCompleted(cli, second);
  }

  @Test
  void ingest_listsEveryItemAccepted_inBatchesOfTheGivenSize() {
    assertThat(firstIngest.exit()).as(firstIngest.toString()).isZero();
    assertThat(firstIngest.out())
        .contains("ITEM")
        .contains("RESULT")
        .contains(job.traceId)
        .contains(job.itemCount() + " accepted, 0 rejected, 0 not sent")
        .contains("4 batches");
    assertThat(firstIngest.out().lines().filter(l -> l.matches(".*\\saccepted$")).count())
        .isEqualTo(job.itemCount());
    assertThat(firstIngest.err()).contains("batch 1/4: HTTP 202");
  }

  @Test
  void ingestingTheSameFileAgain_isReplayedByItsIdempotencyKey() {
    CliRun.Result r = cli.run("ingest", file.toString(), "--batch-size", "10");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("4 of 4 batches were sent before with the same idempotency key");
  }

  @Test
  void ingest_rejectedItem_exitsWith1_showingCodeAndField() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad,
        "[{\"trace_id\": \""
            + UUID.randomUUID()
            + "\", \"status\": \"PENDING\", \"created_at\": \"2025-03-02T08:14:59.999Z\","
            + " \"pipeline_config_ref\": \"default\"},"
            + " {\"item_type\": \"span\", \"data\": {\"span_id\": \"broken\"}}]");

    CliRun.Result r = cli.run("ingest", bad.toString(), "-o", "json");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode report = Traces.json(r);
    assertThat(report.path("accepted").asInt()).isEqualTo(1);
    assertThat(report.path("rejected").asInt()).isEqualTo(1);
    JsonNode rejected = report.path("items").path(1);
    assertThat(rejected.path("result").asText()).isEqualTo("rejected");
    assertThat(rejected.path("errors").path(0).path("code").asText()).isEqualTo("SCHEMA_VIOLATION");
    assertThat(rejected.path("errors").path(0).path("field").asText()).startsWith("/data/");
    assertThat(report.path("batches").path(0).path("receipt").path("request_id").asText())
        .isNotEmpty();
  }

  @Test
  void tracesList_filtersByTag_inTableJsonAndCsv() {
    CliRun.Result table = cli.run("traces", "list", "--tag", "suite:" + tag);
    CliRun.Result json = cli.run("traces", "list", "--tag", "suite:" + tag, "-o", "json");
    CliRun.Result csv = cli.run("traces", "list", "--tag", "suite:" + tag, "-o", "csv");

    assertThat(table.exit()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .startsWith("TRACE_ID ")
        .containsSubsequence("STATUS", "AGE", "DURATION", "MODEL", "TAGS");
    assertThat(table.out()).contains(job.traceId).contains(second.traceId).contains("COMPLETED");
    assertThat(table.out().lines())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(WIDTH));
    assertThat(Traces.json(json).path("data")).hasSize(2);
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0)).isEqualTo("TRACE_ID,STATUS,CREATED_AT,DURATION,MODEL,TAGS");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).contains("T").endsWith("\"");
  }

  @Test
  void tracesListAll_followsTheCursorsToTheEnd() {
    CliRun.Result onePage =
        cli.run("traces", "list", "--tag", "suite:" + tag, "--limit", "1", "-o", "json");
    CliRun.Result all =
        cli.run("traces", "list", "--tag", "suite:" + tag, "--limit", "1", "--all", "-o", "json");

    assertThat(Traces.json(onePage).path("data")).hasSize(1);
    assertThat(Traces.json(onePage).path("has_more").asBoolean()).isTrue();
    assertThat(Traces.json(all).path("data")).hasSize(2);
    assertThat(Traces.json(all).path("has_more").asBoolean()).isFalse();
    CliRun.Result table = cli.run("traces", "list", "--tag", "suite:" + tag, "--limit", "1");
    assertThat(table.err()).contains("--cursor ").contains("--all");
  }

  @Test
  void tracesList_statusFilter_excludesOtherStatuses() {
    CliRun.Result r =
        cli.run(
            "traces", "list", "--tag", "suite:" + tag, "--status", "FAILED,PARTIAL", "-o", "json");

    assertThat(r.exit()).isZero();
    assertThat(Traces.json(r).path("data")).isEmpty();
  }

  @Test
  void tracesGet_showsSummaryTimelineFramesAndArtifacts_withinTheTerminalWidth() {
    CliRun.Result r = cli.run("traces", "get", job.traceId, "--frames", "5");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("trace ")
        .contains(job.traceId)
        .contains("COMPLETED")
        .contains("wan2.1-t2v 14b, 1280x720, 24 frames @ 8 fps, H100-80GB x1")
        .contains("24 of 24 expected")
        .contains("SPANS (5)")
        .contains("pipeline")
        .contains("  denoise 30 steps")
        .contains("█")
        .contains("FRAME EVENTS (first 5 of 24)")
        .contains("CLIP_SIMILARITY")
        .contains("ARTIFACTS (1)")
        .contains("3.3 MiB");
    assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(WIDTH));
    assertThat(r.err()).contains("--frames all");
  }

  @Test
  void tracesGet_csvSections_andJsonAsTheServerSentIt() {
    CliRun.Result spans = cli.run("traces", "get", job.traceId, "-o", "csv");
    CliRun.Result frames =
        cli.run("traces", "get", job.traceId, "-o", "csv", "--section", "frames");
    CliRun.Result json = cli.run("traces", "get", job.traceId, "-o", "json");

    assertThat(spans.out().lines().findFirst().orElseThrow())
        .isEqualTo("SPAN_ID,PARENT_SPAN_ID,KIND,NAME,START_TIME,END_TIME,DURATION_MS,STATUS");
    assertThat(spans.out().lines()).hasSize(6);
    assertThat(frames.out().lines()).hasSize(job.frames + 1);
    assertThat(Traces.json(json).path("trace").path("trace_id").asText()).isEqualTo(job.traceId);
    assertThat(Traces.json(json).has("summary")).isTrue();
  }

  @Test
  void tracesGet_unknownTrace_exitsWith5_showingCodeAndRequestId() {
    CliRun.Result r = cli.run("traces", "get", TraceFixture.uuid());

    assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("NOT_FOUND (HTTP 404)").containsPattern("\\[request_id \\S+\\]");
  }

  @Test
  void bottlenecks_listEverySpanKindOfTheLastDay() {
    CliRun.Result r = cli.run("analytics", "bottlenecks", "--tag", "suite:" + tag);
    CliRun.Result json = cli.run("analytics", "bottlenecks", "--from", "1h", "-o", "json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("SPAN_KIND")
        .contains("P95_MS")
        .contains("SAMPLING")
        .contains("DECODE");
    assertThat(Traces.json(json).path("data").size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void analyticsFrames_countsTheJobsFrames_andGivesQualityPercentiles() {
    CliRun.Result generated =
        cli.run(
            "analytics", "frames", "--metric", "frames_generated", "--from", "1d", "-o", "json");
    CliRun.Result clip = cli.run("analytics", "frames", "--metric", "clip_similarity");
    CliRun.Result bad = cli.run("analytics", "frames", "--metric", "fps");

    assertThat(generated.exit()).as(generated.toString()).isZero();
    double frames = 0;
    for (JsonNode b : Traces.json(generated).path("data")) {
      frames += b.path("value").asDouble();
    }
    // Both jobs' frames at least; other tests of this server may add more.
    assertThat(frames).isGreaterThanOrEqualTo(job.frames + second.frames);
    assertThat(clip.exit()).as(clip.toString()).isZero();
    assertThat(clip.out()).contains("clip_similarity per hour").contains("P95").contains("0.3");
    assertThat(bad.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(bad.err()).contains("INVALID_PARAMETER");
  }

  @Test
  void costs_perTraceAndTotal_andUnknownTracesExitWith5() {
    CliRun.Result r =
        cli.run("costs", "calculate", "--trace-id", job.traceId + "," + second.traceId);
    String unknown = TraceFixture.uuid();
    CliRun.Result missing =
        cli.run(
            "costs", "calculate", "--trace-id", job.traceId, "--trace-id", unknown, "-o", "json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains(job.traceId)
        .contains("TOTAL")
        .contains("SAMPLING=")
        .contains("pricing profile");
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(Traces.json(missing).path("not_found").get(0).asText()).isEqualTo(unknown);
    assertThat(missing.err()).contains("not found: " + unknown);
  }
}
