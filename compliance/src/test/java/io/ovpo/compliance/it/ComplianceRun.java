package io.ovpo.compliance.it;

import io.ovpo.compliance.ComplianceConfig;
import io.ovpo.compliance.ComplianceReport;
import io.ovpo.compliance.KnownDeviations;
import io.ovpo.compliance.junit.ComplianceTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/** The kit against a started server, as JUnit dynamic tests, its report kept under target/. */
final class ComplianceRun {
  /** The tier ServerJar configures for the rate-limit check's tenant. */
  static final String RATE_TIER = "compliance";

  private ComplianceRun() {}

  static Stream<DynamicNode> against(ServerJar server, String name) throws IOException {
    Path deviations =
        Path.of(System.getProperty("ovpo.compliance.known.deviations", "known-deviations.txt"));
    Path reports =
        Path.of(System.getProperty("ovpo.compliance.report.dir", "target/compliance-reports"));
    ComplianceConfig config =
        ComplianceConfig.of(server.url(), ServerJar.KEY, Optional.of(ServerJar.KEY))
            .withKnownDeviations(KnownDeviations.load(deviations))
            // most checks wait for the processor, not for a core: 8 at a time keeps both busy
            .withParallelism(8)
            .withRateTier(RATE_TIER)
            // spec 04 targets 5 s at p95 under nominal load; CI machines are often far from it
            .withTiming(Duration.ofSeconds(30), Duration.ofSeconds(3));
    return ComplianceTests.conformance(
        config, report -> write(report, reports.resolve(name + ".json")));
  }

  private static void write(ComplianceReport report, Path file) {
    try {
      report.write(file);
      report.print(System.out, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
