package io.ovpo.app.common.wiring;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.core.service.RateTiers;
import io.ovpo.ports.model.RateTier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code OVPO_RATE_TIERS} ({@code pro:1000/10s,...}) and {@code OVPO_QUERY_RATE} ({@code
 * 100/60s}).
 */
public final class RateTierParser {
  private static final Pattern RATE = Pattern.compile("^(\\d+)/(\\d+)(s|m|h)$");

  private RateTierParser() {}

  public static RateTiers parse(String tiers, String queryRate) {
    Map<String, RateTier> ingest = new HashMap<>(RateTiers.defaults().ingest());
    for (String entry : tiers.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int colon = e.indexOf(':');
      if (colon <= 0) {
        throw new ConfigException(
            List.of("OVPO_RATE_TIERS entry '" + e + "' must look like name:burst/10s"));
      }
      String name = e.substring(0, colon);
      ingest.put(name, tier(name, e.substring(colon + 1), "OVPO_RATE_TIERS"));
    }
    RateTier query = tier(RateTiers.DEFAULT_NAME, queryRate.trim(), "OVPO_QUERY_RATE");
    return new RateTiers(ingest, Map.of(RateTiers.DEFAULT_NAME, query));
  }

  private static RateTier tier(String name, String rate, String setting) {
    Matcher m = RATE.matcher(rate);
    if (!m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
      throw new ConfigException(
          List.of(setting + " rate '" + rate + "' must look like 200/10s (burst/period, s|m|h)"));
    }
    long amount = Long.parseLong(m.group(2));
    Duration period =
        switch (m.group(3)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    return new RateTier(name, Long.parseLong(m.group(1)), period, false);
  }
}
