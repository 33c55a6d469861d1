package io.ovpo.compliance;

import io.ovpo.compliance.http.OvpoHttp;
import io.ovpo.compliance.invariants.CaptureFile;
import io.ovpo.compliance.invariants.Invariants;
import io.ovpo.compliance.invariants.ServerTraces;
import io.ovpo.compliance.invariants.Tolerances;
import io.ovpo.compliance.invariants.TraceCapture;
import io.ovpo.schemas.SchemaValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar ovpo-compliance.jar}: runs the conformance kit against a server, or checks the
 * pipeline invariants over a captured batch file or over a server's stored traces. Exit status 0
 * when nothing failed, 1 when a check failed, 2 on a usage or connection error.
 */
public final class ComplianceMain {
  static final String USAGE =
      """
      Usage:
        java -jar ovpo-compliance.jar --url URL --api-key KEY [--admin-key KEY] [options]
            the conformance kit: every check of the ingest, processing, query, auth and audit
            contracts, through the public HTTP API only
        java -jar ovpo-compliance.jar --check-batch FILE [--report FILE]
            pipeline invariants over what a pipeline sent (a batch body, SDK FileTransport
            lines or an ovpo.compliance capture)
        java -jar ovpo-compliance.jar --url URL --api-key KEY --check-traces
            [--trace-id ID ...] [--tag K:V] [--limit N]
            pipeline invariants over traces stored by a server (default: the 20 newest)

      Options:
        --api-key KEY            developer (or higher) key; default: env OVPO_API_KEY
        --admin-key KEY          super_admin key, for tenant, RBAC and audit checks;
                                 default: env OVPO_ADMIN_KEY (without it those are skipped)
        --report FILE            also write the JSON report to FILE
        --only P1,P2             only checks whose id starts with one of these (ingest,audit.chain)
        --known-deviations FILE  deviations tolerated (default: the bundled list of the
                                 reference server); --strict tolerates none
        --rate-tier NAME         put the tenant the rate-limit check drains on this configured
                                 tier (a small one, e.g. OVPO_RATE_TIERS=compliance:20/60s)
        --parallel N             checks running at once (default 4)
        --timeout-ms N           how long accepted items may take to become visible (15000)
        --settle-ms N            wait before concluding that nothing changes (3000)
        --span-tolerance-ms N    invariants: span nesting slack (100)
        --skew-tolerance-ms N    invariants: observed_at skew tolerance (5000)
        --list                   list the checks and exit
        --verbose                print every result, not only the failures
      Exit status: 0 passed (known deviations and skips allowed), 1 a check failed, 2 error.
      """;

  private ComplianceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CliArgs a;
    try {
      a = CliArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (a.flag("--help") || args.length == 0) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      if (a.flag("--list")) {
        for (Check c : ComplianceSuite.checks()) {
          out.printf("%-52s %-26s %s%n", c.id(), c.spec(), c.title());
        }
        return 0;
      }
      ComplianceReport report;
      if (a.value("--check-batch").isPresent()) {
        report = checkBatch(Path.of(a.value("--check-batch").get()), tolerances(a));
      } else {
        String url =
            a.value("--url").orElseThrow(() -> new IllegalArgumentException("--url is required"));
        String apiKey =
            a.value("--api-key")
                .or(() -> env("OVPO_API_KEY"))
                .orElseThrow(
                    () -> new IllegalArgumentException("--api-key (or OVPO_API_KEY) is required"));
        if (a.flag("--check-traces")) {
          report = checkTraces(url, apiKey, a);
        } else {
          report = ComplianceSuite.run(config(a, url, apiKey));
        }
      }
      report.print(out, a.flag("--verbose"));
      if (a.value("--report").isPresent()) {
        report.write(Path.of(a.value("--report").get()));
        out.println("report: " + a.value("--report").get());
      }
      return report.passed() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static ComplianceConfig config(CliArgs a, String url, String apiKey) throws IOException {
    Optional<String> admin = a.value("--admin-key").or(() -> env("OVPO_ADMIN_KEY"));
    KnownDeviations deviations =
        a.flag("--strict")
            ? KnownDeviations.none()
            : a.value("--known-deviations").isPresent()
                ? KnownDeviations.load(Path.of(a.value("--known-deviations").get()))
                : KnownDeviations.bundled();
    ComplianceConfig c =
        ComplianceConfig.of(url, apiKey, admin)
            .withKnownDeviations(deviations)
            .withParallelism(a.integer("--parallel", 4, 1, 64))
            .withTiming(
                Duration.ofMillis(a.integer("--timeout-ms", 15_000, 100, 600_000)),
                Duration.ofMillis(a.integer("--settle-ms", 3_000, 0, 600_000)));
    List<String> only = new ArrayList<>();
    a.all("--only")
        .forEach(
            v ->
                only.addAll(
                    Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()));
    c = c.withOnly(only);
    if (a.value("--rate-tier").isPresent()) {
      c = c.withRateTier(a.value("--rate-tier").get());
    }
    if (ComplianceSuite.selected(c).isEmpty()) {
      throw new IllegalArgumentException("--only selects no check; see --list");
    }
    // fail fast, with exit status 2, when the server is not there at all
    new OvpoHttp(url, Duration.ofSeconds(10), Duration.ZERO).get("/health", null);
    return c;
  }

  /** Invariants over a captured batch file. */
  public static ComplianceReport checkBatch(Path file, Tolerances tolerances) throws IOException {
    Instant started = Instant.now();
    CaptureFile capture = CaptureFile.read(file, SchemaValidator.fromClasspath());
    if (capture.itemCount() == 0) {
      throw new IllegalArgumentException(file + " holds no item");
    }
    return new ComplianceReport(
        "batch",
        file.toString(),
        Optional.empty(),
        started,
        Duration.between(started, Instant.now()),
        Invariants.results(capture, file.getFileName().toString(), tolerances),
        "none");
  }

  private static ComplianceReport checkTraces(String url, String apiKey, CliArgs a) {
    Instant started = Instant.now();
    OvpoHttp http = new OvpoHttp(url, Duration.ofSeconds(30), Duration.ofSeconds(90));
    List<String> ids = a.all("--trace-id");
    if (ids.isEmpty()) {
      ids = ServerTraces.newest(http, apiKey, a.integer("--limit", 20, 1, 200), a.value("--tag"));
    }
    List<TraceCapture> captures = new ArrayList<>();
    for (String id : ids) {
      captures.add(ServerTraces.read(http, apiKey, id));
    }
    return new ComplianceReport(
        "traces",
        url,
        Optional.empty(),
        started,
        Duration.between(started, Instant.now()),
        Invariants.results(captures, tolerances(a)),
        "none");
  }

  private static Tolerances tolerances(CliArgs a) {
    return new Tolerances(
        Duration.ofMillis(a.integer("--span-tolerance-ms", 100, 0, 3_600_000)),
        Duration.ofMillis(a.integer("--skew-tolerance-ms", 5_000, 0, 3_600_000)));
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
