package io.ovpo.compliance;

import io.ovpo.compliance.checks.AdminChecks;
import io.ovpo.compliance.checks.AnalyticsChecks;
import io.ovpo.compliance.checks.ArtifactChecks;
import io.ovpo.compliance.checks.AuditChecks;
import io.ovpo.compliance.checks.DedupeChecks;
import io.ovpo.compliance.checks.IdempotencyChecks;
import io.ovpo.compliance.checks.IngestChecks;
import io.ovpo.compliance.checks.IngestRequestChecks;
import io.ovpo.compliance.checks.LifecycleChecks;
import io.ovpo.compliance.checks.OperationalChecks;
import io.ovpo.compliance.checks.OrderingChecks;
import io.ovpo.compliance.checks.PaginationChecks;
import io.ovpo.compliance.checks.PartialChecks;
import io.ovpo.compliance.checks.PipelineChecks;
import io.ovpo.compliance.checks.QueryChecks;
import io.ovpo.compliance.checks.RateLimitChecks;
import io.ovpo.compliance.checks.RbacChecks;
import io.ovpo.compliance.checks.TenancyChecks;
import io.ovpo.compliance.http.OvpoHttp;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conformance kit: every {@link Check}, run against one server through its public HTTP API,
 * several at a time (each check uses its own traces, tagged with the run id, so they never
 * interfere).
 */
public final class ComplianceSuite {
  /** The longest a single check may run before it is reported as hanging. */
  static final Duration CHECK_LIMIT = Duration.ofMinutes(5);

  private ComplianceSuite() {}

  /** Every check, in report order. Ids are unique. */
  public static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.addAll(IngestChecks.all());
    all.addAll(IngestRequestChecks.all());
    all.addAll(RateLimitChecks.all());
    all.addAll(IdempotencyChecks.all());
    all.addAll(DedupeChecks.all());
    all.addAll(OrderingChecks.all());
    all.addAll(LifecycleChecks.all());
    all.addAll(PartialChecks.all());
    all.addAll(PaginationChecks.all());
    all.addAll(QueryChecks.all());
    all.addAll(AnalyticsChecks.all());
    all.addAll(ArtifactChecks.all());
    all.addAll(TenancyChecks.all());
    all.addAll(RbacChecks.all());
    all.addAll(AdminChecks.all());
    all.addAll(AuditChecks.all());
    all.addAll(OperationalChecks.all());
    all.addAll(PipelineChecks.all());
    Set<String> ids = new HashSet<>();
    for (Check c : all) {
      if (!ids.add(c.id())) {
        throw new IllegalStateException("duplicate check id " + c.id());
      }
    }
    return List.copyOf(all);
  }

  /** The checks {@code config} selects. */
  public static List<Check> selected(ComplianceConfig config) {
    return checks().stream().filter(config::selects).toList();
  }

  /** Runs the selected checks and judges them against the known deviations. */
  public static ComplianceReport run(ComplianceConfig config) {
    Instant started = Instant.now();
    OvpoHttp http = new OvpoHttp(config.url(), config.requestTimeout(), config.maxRateLimitWait());
    String runId = "run-" + Session.random(10);
    Session session =
        new Session(
            http,
            config.apiKey(),
            config.adminKey(),
            runId,
            config.visibilityTimeout(),
            config.settle(),
            config.rateTier());
    List<Check> checks = selected(config);
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            config.parallelism(),
            r -> {
              Thread t = new Thread(r, "ovpo-compliance-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<CheckResult> results = new ArrayList<>();
    try {
      List<Future<CheckResult>> futures = new ArrayList<>();
      for (Check c : checks) {
        futures.add(pool.submit(() -> runOne(c, session)));
      }
      for (int i = 0; i < checks.size(); i++) {
        results.add(config.knownDeviations().apply(await(checks.get(i), futures.get(i))));
      }
    } finally {
      pool.shutdownNow();
    }
    return new ComplianceReport(
        "conformance",
        config.url(),
        Optional.of(runId),
        started,
        Duration.between(started, Instant.now()),
        results,
        config.knownDeviations().source());
  }

  private static CheckResult await(Check check, Future<CheckResult> future) {
    try {
      return future.get(CHECK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return CheckResult.of(
          check,
          CheckStatus.FAILED,
          Optional.of("did not finish within " + CHECK_LIMIT.toMinutes() + " minutes"),
          CHECK_LIMIT.toMillis());
    } catch (ExecutionException e) {
      return CheckResult.of(
          check, CheckStatus.FAILED, Optional.of("kit error: " + e.getCause()), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.of(check, CheckStatus.FAILED, Optional.of("interrupted"), 0);
    }
  }

  /** Runs one check; every outcome, a crash of the check included, becomes a result. */
  static CheckResult runOne(Check check, Session session) {
    long start = System.nanoTime();
    CheckStatus status;
    Optional<String> message;
    try {
      check.body().run(session);
      status = CheckStatus.PASSED;
      message = Optional.empty();
    } catch (CheckFailure f) {
      status = CheckStatus.FAILED;
      message = Optional.of(f.getMessage());
    } catch (CheckSkipped s) {
      status = CheckStatus.SKIPPED;
      message = Optional.of(s.getMessage());
    } catch (UncheckedIOException e) {
      status = CheckStatus.FAILED;
      message = Optional.of("I/O error: " + e.getMessage());
    } catch (Exception | AssertionError e) {
      status = CheckStatus.FAILED;
      StackTraceElement[] at = e.getStackTrace();
      message = Optional.of("unexpected " + e + (at.length > 0 ? " at " + at[0] : ""));
    }
    return CheckResult.of(check, status, message, (System.nanoTime() - start) / 1_000_000);
  }
}
