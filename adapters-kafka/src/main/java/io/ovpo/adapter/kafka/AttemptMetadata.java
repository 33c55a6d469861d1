package io.ovpo.adapter.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Kafka keeps no delivery count, so the adapter keeps one in the metadata string of the committed
 * offset: for each delivered but unsettled offset at or after the commit point, how many times it
 * was delivered. A consumer writes it before handing records out, so a consumer that dies counts as
 * a delivery and the partition's next owner continues the count.
 *
 * <p>Format {@code a1;<from>[-<to>]:<attempts>,...} with offsets relative to the committed offset,
 * runs of equal counts collapsed. Kept under {@link #MAX_CHARS} (the broker's default {@code
 * offset.metadata.max.bytes} is 4096); offsets that do not fit restart at attempt 1.
 */
final class AttemptMetadata {
  static final int MAX_CHARS = 3000;
  private static final String VERSION = "a1;";

  private AttemptMetadata() {}

  /** Encodes {@code attempts} (absolute offset → deliveries) relative to {@code base}. */
  static String encode(long base, NavigableMap<Long, Integer> attempts) {
    StringBuilder out = new StringBuilder(VERSION);
    long runStart = -1;
    long runEnd = -1;
    int runAttempts = 0;
    for (Map.Entry<Long, Integer> e : attempts.tailMap(base, true).entrySet()) {
      long rel = e.getKey() - base;
      if (runStart >= 0 && rel == runEnd + 1 && e.getValue() == runAttempts) {
        runEnd = rel;
        continue;
      }
      if (runStart >= 0 && !append(out, runStart, runEnd, runAttempts)) {
        return out.toString();
      }
      runStart = rel;
      runEnd = rel;
      runAttempts = e.getValue();
    }
    if (runStart >= 0) {
      append(out, runStart, runEnd, runAttempts);
    }
    return out.toString();
  }

  /** Absolute offset → deliveries; empty for anything it does not recognise. */
  static Map<Long, Integer> decode(long base, String metadata) {
    Map<Long, Integer> out = new HashMap<>();
    if (metadata == null || !metadata.startsWith(VERSION)) {
      return out;
    }
    String body = metadata.substring(VERSION.length());
    if (body.isEmpty()) {
      return out;
    }
    try {
      for (String run : body.split(",")) {
        int colon = run.indexOf(':');
        String range = run.substring(0, colon);
        int attempts = Integer.parseInt(run.substring(colon + 1));
        int dash = range.indexOf('-');
        long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
        long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
        for (long rel = from; rel <= to && out.size() < 100_000; rel++) {
          out.put(base + rel, attempts);
        }
      }
    } catch (RuntimeException e) {
      return new HashMap<>();
    }
    return out;
  }

  private static boolean append(StringBuilder out, long from, long to, int attempts) {
    String run = (from == to ? Long.toString(from) : from + "-" + to) + ":" + attempts;
    int extra = (out.length() > VERSION.length() ? 1 : 0) + run.length();
    if (out.length() + extra > MAX_CHARS) {
      return false;
    }
    if (out.length() > VERSION.length()) {
      out.append(',');
    }
    out.append(run);
    return true;
  }
}
