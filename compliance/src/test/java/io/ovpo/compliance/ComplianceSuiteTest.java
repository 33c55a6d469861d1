package io.ovpo.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceSuiteTest {
  @Test
  void everyCheck_citesTheSpec_andCoversEachAreaOfTheContract() {
    List<Check> checks = ComplianceSuite.checks();
    assertThat(checks).hasSizeGreaterThan(80);
    assertThat(checks)
        .extracting(Check::category)
        .contains(
            "ingest",
            "idempotency",
            "dedupe",
            "ordering",
            "lifecycle",
            "partial",
            "pagination",
            "tenancy",
            "rbac",
            "audit",
            "query",
            "admin",
            "ops",
            "pipeline");
    assertThat(checks).allSatisfy(c -> assertThat(c.spec()).matches("^(\\d\\d|seed|DESIGN).*"));
  }

  @Test
  void only_selectsByIdPrefix() {
    ComplianceConfig config =
        ComplianceConfig.of("http://127.0.0.1:1", "k", Optional.empty())
            .withOnly(List.of("idempotency.replay", "audit.chain"));
    assertThat(ComplianceSuite.selected(config))
        .extracting(Check::id)
        .containsExactly(
            "idempotency.replay", "idempotency.replay-of-400-receipt", "audit.chain-intact");
  }

  @Test
  void everyOutcomeOfACheck_becomesAResult() {
    Session session =
        new Session(
            null, "k", Optional.empty(), "run", Duration.ZERO, Duration.ZERO, Optional.empty());
    assertThat(run(s -> {}, session).status()).isEqualTo(CheckStatus.PASSED);
    CheckResult failed = run(s -> Expect.equal(1, 2, "one"), session);
    assertThat(failed.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(failed.message()).contains("one: expected 2, got 1");
    assertThat(run(s -> s.adminKey(), session).message().orElseThrow()).contains("--admin-key");
    assertThat(run(s -> s.adminKey(), session).status()).isEqualTo(CheckStatus.SKIPPED);
    CheckResult crashed =
        run(
            s -> {
              throw new IllegalStateException("bug");
            },
            session);
    assertThat(crashed.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(crashed.message().orElseThrow())
        .startsWith("unexpected java.lang.IllegalStateException: bug");
  }

  private static CheckResult run(Check.Body body, Session session) {
    return ComplianceSuite.runOne(new Check("ops.x", "ops", "05 §9", "x", body), session);
  }

  @Test
  void report_passesUnlessACheckFailed_andCountsEachStatus() {
    Check c = new Check("ops.x", "ops", "05 §9", "x", s -> {});
    List<CheckResult> results =
        List.of(
            CheckResult.of(c, CheckStatus.PASSED, Optional.empty(), 3),
            CheckResult.of(c, CheckStatus.SKIPPED, Optional.of("no admin key"), 0),
            CheckResult.of(c, CheckStatus.FAILED, Optional.of("boom"), 0)
                .withDeviation(CheckStatus.KNOWN_DEVIATION, "known"));
    ComplianceReport report =
        new ComplianceReport(
            "conformance",
            "http://x",
            Optional.of("run-1"),
            Instant.parse("2026-01-01T00:00:00Z"),
            Duration.ofMillis(1500),
            results,
            "test");
    assertThat(report.passed()).isTrue();
    var json = report.toJson();
    assertThat(json.path("format").asInt()).isEqualTo(1);
    assertThat(json.path("summary").toString())
        .isEqualTo("{\"total\":3,\"passed\":1,\"failed\":0,\"known_deviations\":1,\"skipped\":1}");
    assertThat(json.path("checks").get(2).path("known_deviation").asText()).isEqualTo("known");
    assertThat(json.path("checks").get(0).path("message").isNull()).isTrue();
    assertThat(json.path("started_at").asText()).isEqualTo("2026-01-01T00:00:00.000Z");

    List<CheckResult> withFailure =
        List.of(CheckResult.of(c, CheckStatus.FAILED, Optional.of("boom"), 0));
    assertThat(
            new ComplianceReport(
                    "conformance",
                    "http://x",
                    Optional.empty(),
                    Instant.now(),
                    Duration.ZERO,
                    withFailure,
                    "none")
                .passed())
        .isFalse();
  }
}
