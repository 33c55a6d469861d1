package io.ovpo.core.service;

import io.ovpo.ports.in.RateScope;
import io.ovpo.ports.model.RateTier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configured rate-limit tiers by name, per scope. Ingest defaults to {@link RateTier#DEFAULT}
 * (bursts of 200 per 10 s) and {@link RateTier#UNLIMITED}; the query scope uses the tier of the
 * same name configured for queries, else unlimited for an unlimited ingest tier, else the query
 * tier "default" when configured, else {@link #DEFAULT_QUERY} (100 per minute, burst 100). A tenant
 * naming an unknown tier gets the "default" ingest tier.
 *
 * @param ingest ingest tiers by name; must hold "default"
 * @param query query tiers by name (may be empty)
 */
public record RateTiers(Map<String, RateTier> ingest, Map<String, RateTier> query) {
  public static final String DEFAULT_NAME = "default";
  public static final RateTier DEFAULT_QUERY =
      new RateTier(DEFAULT_NAME, 100, Duration.ofMinutes(1), false);

  public RateTiers {
    ingest = Map.copyOf(Objects.requireNonNull(ingest, "ingest"));
    query = Map.copyOf(Objects.requireNonNull(query, "query"));
    if (!ingest.containsKey(DEFAULT_NAME)) {
      throw new IllegalArgumentException("the ingest tiers must include 'default'");
    }
    ingest.forEach((name, tier) -> checkName(name, tier));
    query.forEach((name, tier) -> checkName(name, tier));
  }

  /** "default" and "unlimited" with the values of DESIGN.md section 7. */
  public static RateTiers defaults() {
    return new RateTiers(
        Map.of(DEFAULT_NAME, RateTier.DEFAULT, RateTier.UNLIMITED.name(), RateTier.UNLIMITED),
        Map.of());
  }

  /** A copy with {@code tier} added (or replaced) under its name for {@code scope}. */
  public RateTiers with(RateScope scope, RateTier tier) {
    Map<String, RateTier> in = new LinkedHashMap<>(ingest);
    Map<String, RateTier> q = new LinkedHashMap<>(query);
    (scope == RateScope.INGEST ? in : q).put(tier.name(), tier);
    return new RateTiers(in, q);
  }

  /** The bucket for tier {@code name} in {@code scope}. */
  public RateTier resolve(String name, RateScope scope) {
    RateTier ingestTier = ingest.getOrDefault(name, ingest.get(DEFAULT_NAME));
    if (scope == RateScope.INGEST) {
      return ingestTier;
    }
    if (query.containsKey(name)) {
      return query.get(name);
    }
    if (ingestTier.unlimited()) {
      return RateTier.UNLIMITED;
    }
    return query.getOrDefault(DEFAULT_NAME, DEFAULT_QUERY);
  }

  private static void checkName(String name, RateTier tier) {
    if (!name.equals(tier.name())) {
      throw new IllegalArgumentException("tier '" + tier.name() + "' is listed as '" + name + "'");
    }
  }
}
