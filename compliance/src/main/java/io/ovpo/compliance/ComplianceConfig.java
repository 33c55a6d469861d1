package io.ovpo.compliance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the conformance kit against one server.
 *
 * @param url the server's base URL
 * @param apiKey a key with trace:write, trace:read and metric:read (developer or higher)
 * @param adminKey a super_admin key: needed by the checks that create tenants and keys
 * @param knownDeviations the deviations tolerated
 * @param only run only checks whose id starts with one of these (empty: all)
 * @param parallelism checks running at once
 * @param visibilityTimeout how long accepted items may take to become visible
 * @param settle how long to wait before concluding that nothing changes
 * @param requestTimeout the limit of one HTTP request
 * @param maxRateLimitWait the longest total wait for 429 answers of one request
 * @param rateTier a rate-limit tier the kit assigns to the tenant it drains to get a 429 (a small
 *     configured tier makes that check fast and certain); empty: the new tenant's own tier
 */
public record ComplianceConfig(
    String url,
    String apiKey,
    Optional<String> adminKey,
    KnownDeviations knownDeviations,
    List<String> only,
    int parallelism,
    Duration visibilityTimeout,
    Duration settle,
    Duration requestTimeout,
    Duration maxRateLimitWait,
    Optional<String> rateTier) {
  public ComplianceConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(adminKey, "adminKey");
    Objects.requireNonNull(knownDeviations, "knownDeviations");
    only = List.copyOf(only);
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be 1..64");
    }
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    Objects.requireNonNull(rateTier, "rateTier");
  }

  /** The defaults: bundled deviations, every check, 4 at once, 15 s visibility, 3 s settle. */
  public static ComplianceConfig of(String url, String apiKey, Optional<String> adminKey) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        KnownDeviations.bundled(),
        List.of(),
        4,
        Duration.ofSeconds(15),
        Duration.ofSeconds(3),
        Duration.ofSeconds(30),
        Duration.ofSeconds(90),
        Optional.empty());
  }

  public ComplianceConfig withKnownDeviations(KnownDeviations deviations) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        deviations,
        only,
        parallelism,
        visibilityTimeout,
        settle,
        requestTimeout,
        maxRateLimitWait,
        rateTier);
  }

  public ComplianceConfig withOnly(List<String> prefixes) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        knownDeviations,
        prefixes,
        parallelism,
        visibilityTimeout,
        settle,
        requestTimeout,
        maxRateLimitWait,
        rateTier);
  }

  public ComplianceConfig withParallelism(int n) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        knownDeviations,
        only,
        n,
        visibilityTimeout,
        settle,
        requestTimeout,
        maxRateLimitWait,
        rateTier);
  }

  public ComplianceConfig withTiming(Duration visibility, Duration settleTime) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        knownDeviations,
        only,
        parallelism,
        visibility,
        settleTime,
        requestTimeout,
        maxRateLimitWait,
        rateTier);
  }

  public ComplianceConfig withRateTier(String tier) {
    return new ComplianceConfig(
        url,
        apiKey,
        adminKey,
        knownDeviations,
        only,
        parallelism,
        visibilityTimeout,
        settle,
        requestTimeout,
        maxRateLimitWait,
        Optional.of(tier));
  }

  /** True when the check is selected by {@link #only()}. */
  public boolean selects(Check check) {
    return only.isEmpty() || only.stream().anyMatch(p -> check.id().startsWith(p));
  }
}
