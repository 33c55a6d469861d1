package io.ovpo.app.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How values look in tables: short times, human durations, trimmed numbers. */
public final class Formats {
  private Formats() {}

  /**
   * A wire timestamp for a table: {@code 2025-03-01 12:00:00} (seconds, UTC implied); as it is when
   * not compact, or when it is not a wire timestamp.
   */
  public static String time(String wire, boolean compact) {
    if (!compact || wire.length() != 24 || wire.charAt(10) != 'T') {
      return wire;
    }
    return wire.substring(0, 10) + " " + wire.substring(11, 19);
  }

  /**
   * How long ago a wire timestamp was, kubectl style: {@code 45s}, {@code 12m}, {@code 3h}, {@code
   * 2d}; the text as it is when it is not a wire timestamp.
   */
  public static String age(String wire, java.time.Instant now) {
    java.time.Instant t;
    try {
      t = io.ovpo.wire.WireJson.parseInstant(wire);
    } catch (IllegalArgumentException e) {
      return wire;
    }
    long s = Math.max(0, java.time.Duration.between(t, now).toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172_800) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }

  /** A text field of a JSON node; "" when missing or null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  /** A duration in ms as {@code 850 ms}, {@code 12.3 s}, {@code 4m 05s} or {@code 2h 03m}. */
  public static String duration(long ms) {
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  /** A duration field ({@code duration_ms}) formatted; "" when null. */
  public static String duration(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.canConvertToLong() && !v.isNull() ? duration(v.asLong()) : "";
  }

  /** A number with at most {@code decimals} decimals, trailing zeros dropped; "" when null. */
  public static String number(JsonNode v, int decimals) {
    if (v == null || v.isMissingNode() || v.isNull() || !v.isNumber()) {
      return v == null || v.isMissingNode() || v.isNull() ? "" : v.asText();
    }
    return number(v.decimalValue(), decimals);
  }

  /** A number with at most {@code decimals} decimals, trailing zeros dropped. */
  public static String number(BigDecimal d, int decimals) {
    BigDecimal r = d.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
  }

  /** Bytes as {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}, {@code 3.2 GiB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** An object's fields as {@code k=v, k2=v2} (tags, per-kind figures); "" when empty. */
  public static String pairs(JsonNode object, int decimals) {
    List<String> out = new ArrayList<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                out.add(
                    e.getKey()
                        + "="
                        + (e.getValue().isNumber()
                            ? number(e.getValue(), decimals)
                            : e.getValue().asText())));
    return String.join(", ", out);
  }
}
