package io.ovpo.compliance.invariants;

import io.ovpo.compliance.CheckResult;
import io.ovpo.compliance.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns invariant findings into report results: one per invariant and trace. */
public final class Invariants {
  private Invariants() {}

  /** The results of every trace invariant over every capture. */
  public static List<CheckResult> results(List<TraceCapture> captures, Tolerances tolerances) {
    InvariantChecker checker = new InvariantChecker(tolerances);
    List<CheckResult> out = new ArrayList<>();
    for (TraceCapture c : captures) {
      long start = System.nanoTime();
      Map<Invariant, List<String>> findings = checker.check(c);
      long millis = (System.nanoTime() - start) / 1_000_000;
      findings.forEach((inv, list) -> out.add(result(inv, c.traceId(), list, millis)));
    }
    return out;
  }

  /** The results of a capture file: schema validity of its items, then the trace invariants. */
  public static List<CheckResult> results(CaptureFile file, String name, Tolerances tolerances) {
    List<CheckResult> out = new ArrayList<>();
    out.add(result(Invariant.BATCH_SCHEMA, name, file.schemaProblems(), 0));
    out.addAll(results(file.traces(), tolerances));
    return out;
  }

  /** Findings listed per invariant and subject before the rest is counted. */
  static final int MAX_FINDINGS = 10;

  static CheckResult result(Invariant inv, String subject, List<String> findings, long millis) {
    List<String> shown =
        new ArrayList<>(findings.subList(0, Math.min(MAX_FINDINGS, findings.size())));
    if (findings.size() > MAX_FINDINGS) {
      shown.add("... and " + (findings.size() - MAX_FINDINGS) + " more");
    }
    return new CheckResult(
        inv.id(),
        Invariant.CATEGORY,
        inv.spec(),
        inv.title(),
        Optional.of(subject),
        findings.isEmpty() ? CheckStatus.PASSED : CheckStatus.FAILED,
        findings.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", shown)),
        Optional.empty(),
        millis);
  }
}
