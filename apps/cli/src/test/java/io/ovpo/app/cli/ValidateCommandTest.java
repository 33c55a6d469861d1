package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovpo validate}, offline, on the schema examples and on hand-made files. */
class ValidateCommandTest {
  static final Path EXAMPLES =
      Path.of(System.getProperty("ovpo.schemas.dir", "../../schemas/v0.08"), "examples");

  @TempDir Path dir;

  private CliRun.Result run(String... args) {
    return new CliRun(dir).run(args);
  }

  @Test
  void validExamples_pass_withExitStatus0() {
    CliRun.Result r = run("validate", EXAMPLES.resolve("valid").toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("valid: 10 files");
  }

  @Test
  void invalidExamples_fail_namingFileItemIndexAndPointer() {
    CliRun.Result r = run("validate", "--output", "json", EXAMPLES.resolve("invalid").toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
    JsonNode report = json(r.out());
    assertThat(report.path("valid").asBoolean()).isFalse();
    JsonNode badStart = file(report, "batch.span-item-bad-start-time.json");
    assertThat(badStart.path("valid").asBoolean()).isFalse();
    JsonNode problem = badStart.path("problems").path(0);
    assertThat(problem.path("item_index").isInt()).isTrue();
    assertThat(problem.path("item_type").asText()).isEqualTo("span");
    assertThat(problem.path("pointer").asText()).isEqualTo("/data/start_time");
    assertThat(problem.path("document_pointer").asText())
        .isEqualTo("/items/" + problem.path("item_index").asInt() + "/data/start_time");
    assertThat(problem.path("code").asText()).isEqualTo("SCHEMA_VIOLATION");
  }

  @Test
  void table_listsEachProblemWithFileItemAndPointer() throws Exception {
    Path f = dir.resolve("batch.json");
    Files.writeString(
        f,
        "{\"items\": [{\"item_type\": \"trace\", \"data\": {\"trace_id\": \"9fbd8735-80ed-4503-bea0-3260d7ef27bb\","
            + " \"status\": \"PENDING\", \"created_at\": \"2025-03-02T08:14:59.999Z\","
            + " \"pipeline_config_ref\": \"default\"}},"
            + " {\"item_type\": \"span\", \"data\": {\"span_id\": \"nope\"}}]}");

    CliRun.Result r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("FILE").contains("ITEM").contains("POINTER");
    assertThat(r.out()).contains("/batch.json").contains("/items/1/data/span_id");
    assertThat(r.out()).contains("INVALID: 1 of 2 items invalid");
  }

  @Test
  void semanticRules_areCheckedAfterTheSchema() throws Exception {
    // Well-formed, but it ends before it starts: a model rule, not a schema rule.
    Path f = dir.resolve("span.json");
    Files.writeString(
        f,
        "{\"span_id\": \"0b3510b0-b46e-41da-b170-17a6205738d1\","
            + " \"trace_id\": \"6018366c-f658-47a7-9ed3-4fe53a096533\", \"span_kind\": \"LOAD\","
            + " \"name\": \"load\", \"start_time\": \"2025-03-01T12:00:07.000Z\","
            + " \"end_time\": \"2025-03-01T12:00:01.000Z\", \"status\": \"OK\"}");

    CliRun.Result r = run("validate", "-o", "json", f.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode problem = json(r.out()).path("files").path(0).path("problems").path(0);
    assertThat(problem.path("code").asText()).isEqualTo("SEMANTIC_VIOLATION");
    assertThat(problem.path("item_index").isNull()).isTrue();
  }

  @Test
  void collectorRules_areCheckedToo_likeASpanLongerThanSevenDays() throws Exception {
    Path f = dir.resolve("long.json");
    Files.writeString(
        f,
        "[{\"span_id\": \"0b3510b0-b46e-41da-b170-17a6205738d1\","
            + " \"trace_id\": \"6018366c-f658-47a7-9ed3-4fe53a096533\", \"span_kind\": \"LOAD\","
            + " \"name\": \"load\", \"start_time\": \"2025-03-01T12:00:00.000Z\","
            + " \"end_time\": \"2025-03-09T12:00:00.000Z\", \"status\": \"OK\"}]");

    CliRun.Result r = run("validate", "-o", "json", f.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode problem = json(r.out()).path("files").path(0).path("problems").path(0);
    assertThat(problem.path("code").asText()).isEqualTo("SEMANTIC_VIOLATION");
    assertThat(problem.path("item_index").asInt()).isZero();
    assertThat(problem.path("pointer").asText()).isEqualTo("/data/end_time");
    assertThat(problem.path("document_pointer").asText()).isEqualTo("/0/data/end_time");
  }

  @Test
  void jsonLines_areValidatedLineByLine() throws Exception {
    String span =
        "{\"span_id\": \"0b3510b0-b46e-41da-b170-17a6205738d1\", \"trace_id\":"
            + " \"6018366c-f658-47a7-9ed3-4fe53a096533\", \"span_kind\": \"LOAD\", \"name\": \"x\","
            + " \"start_time\": \"2025-03-01T12:00:01.000Z\"}";
    Path f = dir.resolve("items.jsonl");
    Files.writeString(f, span + "\n\n{not json}\n" + span + "\n", StandardCharsets.UTF_8);

    CliRun.Result r = run("validate", "-o", "csv", f.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out().lines()).hasSize(2);
    assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
        .contains(",1,")
        .contains("MALFORMED_JSON")
        .contains("line 3");
  }

  @Test
  void missingPath_isAUsageError() {
    CliRun.Result r = run("validate", dir.resolve("nope.json").toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no such file");
  }

  private static JsonNode json(String s) {
    try {
      return WireJson.parse(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  private static JsonNode file(JsonNode report, String name) {
    for (JsonNode f : report.path("files")) {
      if (f.path("file").asText().endsWith(name)) {
        return f;
      }
    }
    throw new AssertionError("no report for " + name);
  }
}
