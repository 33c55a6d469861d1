package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself: usage errors, help, completion, secrets kept out of messages. */
class CommandLineTest {
  @TempDir Path home;

  private CliRun.Result run(String... args) {
    return new CliRun(home).run(args);
  }

  @Test
  void noCommand_printsUsage_withExitStatus2() {
    CliRun.Result r = run();

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Usage: ovpo").contains("traces").contains("Exit status:");
  }

  @Test
  void unknownOption_isAUsageError_thatNeverEchoesAKey() {
    String key = "ovpo_abcd1234_SecretSecretSecretSecretSecretSecret";

    CliRun.Result r = run("ping", "--api-kye", key);

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--api-kye").doesNotContain(key).contains("ovpo_abcd1234_****");
  }

  @Test
  void outputFormat_isCaseInsensitive_andUnknownFormatsAreUsageErrors() {
    assertThat(run("config", "show", "-o", "JSON").exit()).isZero();
    assertThat(run("config", "show", "-o", "yaml").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void everySubcommand_hasHelp_withTheExitStatuses() {
    CliRun.Result r = run("traces", "list", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--status").contains("--all").contains("Exit status:");
  }

  @Test
  void completion_isABashScriptCoveringEveryCommand() {
    CliRun.Result r = run("completion");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("complete -F")
        .contains("traces")
        .contains("bottlenecks")
        .contains("legal-hold")
        .contains("delete-user");
  }

  @Test
  void version_namesTheWireSchemaVersion() {
    CliRun.Result r = run("--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("ovpo ").contains("0.08");
  }

  @Test
  void commandNeedingAServer_withoutKey_isAUsageError() {
    CliRun.Result r = run("traces", "list", "--url", "http://127.0.0.1:9");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no API key");
  }

  @Test
  void malformedTraceId_isAUsageError_beforeAnyRequest() {
    CliRun.Result r =
        new CliRun(home)
            .env("OVPO_API_KEY", "ovpo_abcd1234_SecretSecretSecretSecretSecretSecret")
            .run("traces", "get", "not-a-uuid");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("TRACE_ID must be a lower-case UUID");
  }

  @Test
  void gdprDeletion_needsExplicitConfirmation() {
    CliRun.Result r =
        new CliRun(home)
            .env("OVPO_API_KEY", "ovpo_abcd1234_SecretSecretSecretSecretSecretSecret")
            .run("admin", "gdpr", "delete-user", "a".repeat(64), "--tenant", "acme");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--yes");
  }

  @Test
  void times_acceptAgesDatesAndOffsets() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-02T12:00:00Z"), ZoneOffset.UTC);
    TimeArg t = new TimeArg(clock);

    assertThat(t.convert("24h")).isEqualTo("2025-03-01T12:00:00.000Z");
    assertThat(t.convert("2025-03-01")).isEqualTo("2025-03-01T00:00:00.000Z");
    assertThat(t.convert("2025-03-01T14:00:00+02:00")).isEqualTo("2025-03-01T12:00:00.000Z");
    assertThat(t.convert("now")).isEqualTo("2025-03-02T12:00:00.000Z");
  }

  @Test
  void unparseableTime_isAUsageError() {
    CliRun.Result r =
        new CliRun(home)
            .env("OVPO_API_KEY", "ovpo_abcd1234_SecretSecretSecretSecretSecretSecret")
            .run("traces", "list", "--from", "yesterday");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("is not a time");
  }

  @Test
  void everyCommand_hasADescription() {
    CommandLine cl = OvpoCli.commandLine(new Environment(java.util.Map.of(), home));
    assertDescribed(cl);
  }

  private static void assertDescribed(CommandLine cl) {
    assertThat(cl.getCommandSpec().usageMessage().description())
        .as("description of " + cl.getCommandSpec().qualifiedName())
        .isNotEmpty();
    cl.getSubcommands().values().forEach(CommandLineTest::assertDescribed);
  }
}
