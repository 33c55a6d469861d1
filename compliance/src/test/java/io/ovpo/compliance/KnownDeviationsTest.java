package io.ovpo.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KnownDeviationsTest {
  private final Check check = new Check("ingest.example", "ingest", "02 §1", "an example", s -> {});

  @Test
  void listedFailure_becomesAKnownDeviation_andAListedPassKeepsTheReason() {
    KnownDeviations list =
        KnownDeviations.parse("# comment\n\ningest.example | 02 §1 | not yet\n", "test");
    CheckResult failed = CheckResult.of(check, CheckStatus.FAILED, Optional.of("boom"), 1);
    CheckResult passed = CheckResult.of(check, CheckStatus.PASSED, Optional.empty(), 1);
    assertThat(list.apply(failed).status()).isEqualTo(CheckStatus.KNOWN_DEVIATION);
    assertThat(list.apply(failed).deviation()).contains("not yet");
    assertThat(list.apply(failed).message()).contains("boom");
    assertThat(list.apply(passed).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(list.apply(passed).deviation()).contains("not yet");
    assertThat(KnownDeviations.none().apply(failed)).isEqualTo(failed);
  }

  @Test
  void malformedOrRepeatedLines_areRefusedWithTheirLineNumber() {
    assertThatThrownBy(() -> KnownDeviations.parse("ingest.example | only two", "f"))
        .hasMessageContaining("f line 1");
    assertThatThrownBy(() -> KnownDeviations.parse("a.b | 1 | x\na.b | 1 | y", "f"))
        .hasMessageContaining("listed twice");
  }

  @Test
  void referenceServerList_namesOnlyRealChecks_eachWithASpecSectionAndAReason() throws Exception {
    KnownDeviations list = KnownDeviations.load(Path.of("known-deviations.txt"));
    Set<String> ids = ComplianceSuite.checks().stream().map(Check::id).collect(Collectors.toSet());
    // Empty is the goal: every deviation of the reference server fixed.
    for (KnownDeviations.Deviation d : list.all()) {
      assertThat(ids).as("known deviation of an unknown check").contains(d.checkId());
      assertThat(d.spec()).matches("^\\d\\d §.*");
      assertThat(d.reason().length()).isGreaterThan(20);
    }
  }
}
