package io.ovpo.compliance.junit;

import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckResult;
import io.ovpo.compliance.CheckStatus;
import io.ovpo.compliance.ComplianceConfig;
import io.ovpo.compliance.ComplianceMain;
import io.ovpo.compliance.ComplianceReport;
import io.ovpo.compliance.ComplianceSuite;
import io.ovpo.compliance.invariants.Tolerances;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The compliance suite as JUnit 5 dynamic tests: one container per category, one test per check.
 * The whole suite runs once, in parallel, when the first test executes; each test then reports its
 * check's result. A failed check fails its test; a skipped check or a known deviation aborts it
 * with the reason, so it shows as skipped.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> ovpoConformance() {
 *   return ComplianceTests.conformance(ComplianceConfig.of(url, apiKey, Optional.of(adminKey)));
 * }
 * }</pre>
 */
public final class ComplianceTests {
  private ComplianceTests() {}

  /** Dynamic tests over the conformance kit against {@code config}'s server. */
  public static Stream<DynamicNode> conformance(ComplianceConfig config) {
    return conformance(config, report -> {});
  }

  /**
   * The same, handing the report to {@code onReport} once it exists (to write it as a CI artifact,
   * say).
   */
  public static Stream<DynamicNode> conformance(
      ComplianceConfig config, Consumer<ComplianceReport> onReport) {
    Supplier<ComplianceReport> report =
        memoize(
            () -> {
              ComplianceReport r = ComplianceSuite.run(config);
              onReport.accept(r);
              return r;
            });
    Map<String, List<DynamicNode>> byCategory = new LinkedHashMap<>();
    for (Check c : ComplianceSuite.selected(config)) {
      byCategory
          .computeIfAbsent(c.category(), k -> new ArrayList<>())
          .add(
              DynamicTest.dynamicTest(
                  c.id() + " (" + c.spec() + ")",
                  () ->
                      judge(
                          report.get().results().stream()
                              .filter(r -> r.id().equals(c.id()))
                              .findFirst()
                              .orElseThrow())));
    }
    return byCategory.entrySet().stream()
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue().stream()));
  }

  /** Dynamic tests of the pipeline invariants over a captured batch file. */
  public static Stream<DynamicNode> batch(Path file) {
    ComplianceReport report;
    try {
      report = ComplianceMain.checkBatch(file, Tolerances.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return report.results().stream()
        .map(r -> DynamicTest.dynamicTest(r.label() + " (" + r.spec() + ")", () -> judge(r)));
  }

  /** Passes, fails or aborts the current test according to {@code r}. */
  static void judge(CheckResult r) {
    if (r.status() == CheckStatus.FAILED) {
      throw new AssertionFailedError(r.label() + " (" + r.spec() + "): " + r.message().orElse(""));
    }
    if (r.status() == CheckStatus.SKIPPED) {
      Assumptions.abort("skipped: " + r.message().orElse(""));
    }
    if (r.status() == CheckStatus.KNOWN_DEVIATION) {
      Assumptions.abort(
          "known deviation: " + r.deviation().orElse("") + " | finding: " + r.message().orElse(""));
    }
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private Optional<T> value = Optional.empty();

      @Override
      public synchronized T get() {
        if (value.isEmpty()) {
          value = Optional.of(supplier.get());
        }
        return value.get();
      }
    };
  }
}
