package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ingest rate limiting (spec 02 §7): the headers on every answer, and the 429 itself. */
public final class RateLimitChecks {
  private static final String PATH = "/v1/ingest/batch";

  private RateLimitChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "ingest.rate-limit-headers",
            "02 §7.3",
            "Every ingest response carries integer X-RateLimit-Limit, -Remaining and -Reset",
            RateLimitChecks::rateLimitHeaders),
        check(
            "ingest.rate-limited",
            "02 §7.1, §7.3, 09 §1",
            "An empty bucket is 429 RATE_LIMITED with Retry-After equal to error.retry_after",
            RateLimitChecks::rateLimited));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "ingest", spec, title, body);
  }

  static void rateLimitHeaders(Session s) {
    byte[] body = IngestChecks.oneTrace(s).bytes();
    List<Reply> replies =
        List.of(
            IngestChecks.post(s).ingestHeaders().body(body).send(),
            IngestChecks.post(s).header("Content-Type", "application/json").body(body).send(),
            s.http().call("POST", PATH).ingestHeaders().body(body).send(),
            s.http().call("GET", PATH).send(),
            IngestChecks.post(s)
                .header("X-OVPO-Schema-Version", "0.08")
                .header("Content-Type", "text/plain")
                .body(body)
                .send());
    long now = Instant.now().getEpochSecond();
    for (Reply r : replies) {
      long limit = io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Limit");
      long remaining = io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Remaining");
      long reset = io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Reset");
      that(limit >= 1, "%s: X-RateLimit-Limit must be >= 1, got %d", r.describe(), limit);
      that(
          remaining >= 0 && remaining <= limit,
          "%s: X-RateLimit-Remaining must be 0..limit, got %d of %d",
          r.describe(),
          remaining,
          limit);
      that(
          reset >= now - 5,
          "%s: X-RateLimit-Reset is in the past: %d < %d",
          r.describe(),
          reset,
          now);
    }
  }

  static void rateLimited(Session s) throws Exception {
    String developer = s.rateTenant().developer();
    Reply first =
        s.http()
            .call("POST", PATH)
            .key(developer)
            .header("Content-Type", "application/json")
            .json("{}")
            .raw()
            .send();
    long limit = io.ovpo.compliance.Expect.longHeader(first, "X-RateLimit-Limit");
    if (limit == Long.MAX_VALUE) {
      throw new io.ovpo.compliance.CheckSkipped("new tenants get the unlimited tier here");
    }
    Drain drain = drain(s, developer);
    if (drain.limited == null) {
      String rates =
          String.format(
              java.util.Locale.ROOT,
              "%d requests at %.0f/s against a bucket of %d refilling at about %.1f/s",
              drain.sent,
              drain.rate(),
              limit,
              drain.refillRate);
      if (drain.rate() > 2 * drain.refillRate && drain.refillRate > 0) {
        throw new CheckFailure("no 429: " + rates);
      }
      throw new io.ovpo.compliance.CheckSkipped(
          "could not outpace the refill (try --rate-tier): " + rates);
    }
    Reply limited = drain.limited;
    JsonNode e = error(limited, 429, "RATE_LIMITED");
    long retryAfter = io.ovpo.compliance.Expect.longHeader(limited, "Retry-After");
    that(retryAfter >= 1, "Retry-After must be >= 1, got %d", retryAfter);
    equal(e.path("retry_after").asLong(-1), retryAfter, "error.retry_after vs Retry-After");
    equal(
        io.ovpo.compliance.Expect.longHeader(limited, "X-RateLimit-Remaining"),
        0L,
        "X-RateLimit-Remaining of a 429");
    equal(
        io.ovpo.compliance.Expect.longHeader(limited, "X-RateLimit-Limit"),
        limit,
        "X-RateLimit-Limit");
  }

  /** What draining a bucket found. */
  private static final class Drain {
    private volatile Reply limited;
    private final java.util.concurrent.atomic.AtomicLong sentCount =
        new java.util.concurrent.atomic.AtomicLong();
    private long sent;
    private long millis;
    private double refillRate;

    double rate() {
      return millis == 0 ? 0 : sent * 1000.0 / millis;
    }
  }

  /**
   * Sends cheap requests from 16 threads until one is answered 429, for at most 30 s. Each is
   * refused at check 6 (no schema version) after taking its token at check 3. The bucket's refill
   * rate is estimated from X-RateLimit-Remaining and -Reset (spec 02 §7.3), so that a client too
   * slow to empty it is told apart from a server that never limits.
   */
  private static Drain drain(Session s, String key) throws Exception {
    Drain d = new Drain();
    long start = System.nanoTime();
    long deadline = start + 30_000_000_000L;
    java.util.concurrent.atomic.AtomicReference<Reply> unexpected =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Double> refill =
        new java.util.concurrent.atomic.AtomicReference<>(0.0);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (d.limited == null
                      && unexpected.get() == null
                      && System.nanoTime() < deadline) {
                    Reply r =
                        s.http()
                            .call("POST", PATH)
                            .key(key)
                            .header("Content-Type", "application/json")
                            .json("{}")
                            .raw()
                            .send();
                    d.sentCount.incrementAndGet();
                    if (r.status() == 429) {
                      d.limited = r;
                    } else if (r.status() != 400) {
                      unexpected.compareAndSet(null, r);
                    } else {
                      estimateRefill(r, refill);
                    }
                  }
                }));
      }
      for (java.util.concurrent.Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (unexpected.get() != null) {
      throw new CheckFailure("while draining the bucket: " + unexpected.get());
    }
    d.sent = d.sentCount.get();
    d.millis = (System.nanoTime() - start) / 1_000_000;
    d.refillRate = refill.get();
    return d;
  }

  /** Tokens per second: the missing tokens over the seconds until the bucket is full again. */
  private static void estimateRefill(
      Reply r, java.util.concurrent.atomic.AtomicReference<Double> refill) {
    try {
      long limit = Long.parseLong(r.header("X-RateLimit-Limit").orElse("0"));
      long remaining = Long.parseLong(r.header("X-RateLimit-Remaining").orElse("0"));
      double toFull =
          Long.parseLong(r.header("X-RateLimit-Reset").orElse("0"))
              - System.currentTimeMillis() / 1000.0;
      if (remaining < limit / 2 && toFull > 1) {
        refill.set((limit - remaining) / toFull);
      }
    } catch (NumberFormatException e) {
      // malformed headers are rate-limit-headers' finding, not this check's
    }
  }
}
