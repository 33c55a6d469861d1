package io.ovpo.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one run: a summary, the failures, and a JSON document for CI (format in
 * docs/compliance.md).
 *
 * @param mode {@code conformance}, {@code batch} or {@code traces}
 * @param target the server URL or the file checked
 * @param runId the run id tagging the traces the kit created, when it created some
 * @param startedAt when the run began
 * @param duration how long it took
 * @param results one per check (per check and subject for invariants), in report order
 * @param deviationsSource where the known deviations came from
 */
public record ComplianceReport(
    String mode,
    String target,
    Optional<String> runId,
    Instant startedAt,
    Duration duration,
    List<CheckResult> results,
    String deviationsSource) {
  /** Version of the JSON report format. */
  public static final int FORMAT = 1;

  public ComplianceReport {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    results = List.copyOf(results);
    Objects.requireNonNull(deviationsSource, "deviationsSource");
  }

  /** True when no check failed (known deviations and skips do not count). */
  public boolean passed() {
    return count(CheckStatus.FAILED) == 0;
  }

  public long count(CheckStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  public List<CheckResult> withStatus(CheckStatus status) {
    return results.stream().filter(r -> r.status() == status).toList();
  }

  /** Listed deviations whose check passed: their lines can go. */
  public List<CheckResult> fixedDeviations() {
    return results.stream()
        .filter(r -> r.status() == CheckStatus.PASSED && r.deviation().isPresent())
        .toList();
  }

  /** The report as JSON. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("tool", "ovpo-compliance");
    root.put("spec_version", "0.08");
    root.put("mode", mode);
    root.put("target", target);
    runId.ifPresentOrElse(id -> root.put("run_id", id), () -> root.putNull("run_id"));
    root.put("started_at", Items.ts(startedAt));
    root.put("duration_ms", duration.toMillis());
    root.put("passed", passed());
    root.put("known_deviations_source", deviationsSource);
    ObjectNode summary = root.putObject("summary");
    summary.put("total", results.size());
    Map<CheckStatus, Long> counts = new EnumMap<>(CheckStatus.class);
    for (CheckStatus s : CheckStatus.values()) {
      counts.put(s, count(s));
    }
    summary.put("passed", counts.get(CheckStatus.PASSED));
    summary.put("failed", counts.get(CheckStatus.FAILED));
    summary.put("known_deviations", counts.get(CheckStatus.KNOWN_DEVIATION));
    summary.put("skipped", counts.get(CheckStatus.SKIPPED));
    ArrayNode checks = root.putArray("checks");
    for (CheckResult r : results) {
      ObjectNode c = checks.addObject();
      c.put("id", r.id());
      c.put("category", r.category());
      c.put("spec", r.spec());
      c.put("title", r.title());
      r.subject().ifPresentOrElse(s -> c.put("subject", s), () -> c.putNull("subject"));
      c.put("status", r.status().name());
      r.message().ifPresentOrElse(m -> c.put("message", m), () -> c.putNull("message"));
      r.deviation()
          .ifPresentOrElse(d -> c.put("known_deviation", d), () -> c.putNull("known_deviation"));
      c.put("duration_ms", r.durationMillis());
    }
    return root;
  }

  /** Writes {@link #toJson()} to {@code file}, pretty-printed. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson());
  }

  /** The human summary: failures, known deviations, skips (every result with {@code verbose}). */
  public void print(PrintStream out, boolean verbose) {
    out.printf(
        "OVPO compliance (spec v0.08), %s of %s%s%n",
        mode, target, runId.map(id -> ", run " + id).orElse(""));
    for (CheckResult r : results) {
      if (verbose || r.status() != CheckStatus.PASSED) {
        out.printf(
            "  %-5s %s (%s)%s%n",
            label(r.status()), r.label(), r.spec(), r.message().map(m -> ": " + m).orElse(""));
        r.deviation().ifPresent(d -> out.printf("        known deviation: %s%n", d));
      }
    }
    for (CheckResult r : fixedDeviations()) {
      out.printf(
          "  note  %s passed but is listed in %s: remove its line%n", r.id(), deviationsSource);
    }
    out.printf(
        "%d checks: %d passed, %d failed, %d known deviations, %d skipped (%.1f s)%n",
        results.size(),
        count(CheckStatus.PASSED),
        count(CheckStatus.FAILED),
        count(CheckStatus.KNOWN_DEVIATION),
        count(CheckStatus.SKIPPED),
        duration.toMillis() / 1000.0);
    out.println(passed() ? "PASSED" : "FAILED");
  }

  private static String label(CheckStatus s) {
    return switch (s) {
      case PASSED -> "PASS";
      case FAILED -> "FAIL";
      case KNOWN_DEVIATION -> "KNOWN";
      case SKIPPED -> "SKIP";
    };
  }
}
