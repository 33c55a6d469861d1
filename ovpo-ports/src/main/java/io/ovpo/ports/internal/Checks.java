package io.ovpo.ports.internal;

import io.ovpo.ports.error.InvalidValueException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Constructor checks shared by the model records. Every failure is an {@link InvalidValueException}
 * naming the field, so a caller can turn it into a structured error.
 */
public final class Checks {
  /** Lower-case UUID v4, the only id format of v0.08. */
  public static final Pattern UUID_V4 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

  /** 64 lower-case hex characters (SHA-256). */
  public static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

  private Checks() {}

  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, "is required");
    }
    return value;
  }

  public static String matches(String field, String value, Pattern pattern) {
    notNull(field, value);
    // Ids and hashes are checked for every ingested item: without a regex engine for the two
    // patterns used most (the same verdicts; ChecksProperties compares them).
    boolean ok =
        pattern == UUID_V4
            ? isUuidV4(value)
            : pattern == HEX64 ? isHex64(value) : pattern.matcher(value).matches();
    if (!ok) {
      throw new InvalidValueException(field, "must match " + pattern.pattern());
    }
    return value;
  }

  /** Whether the whole value matches {@link #UUID_V4}. */
  static boolean isUuidV4(String s) {
    if (s.length() != 36
        || s.charAt(8) != '-'
        || s.charAt(13) != '-'
        || s.charAt(14) != '4'
        || s.charAt(18) != '-'
        || s.charAt(23) != '-') {
      return false;
    }
    char variant = s.charAt(19);
    if (variant != '8' && variant != '9' && variant != 'a' && variant != 'b') {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      if (i != 8 && i != 13 && i != 18 && i != 23 && !lowerHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the whole value matches {@link #HEX64}. */
  static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (!lowerHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  public static String length(String field, String value, int min, int max) {
    notNull(field, value);
    int n = value.length();
    if (n < min || n > max) {
      throw new InvalidValueException(
          field, "length must be between " + min + " and " + max + " (was " + n + ")");
    }
    return value;
  }

  public static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidValueException(
          field, "must be between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }

  public static double range(String field, double value, double min, double max) {
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidValueException(
          field, "must be a finite number between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }

  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidValueException(field, "must be a finite number (was " + value + ")");
    }
    return value;
  }

  public static void notBefore(String field, Instant value, String otherField, Instant other) {
    if (value.isBefore(other)) {
      throw new InvalidValueException(field, "must not be before " + otherField);
    }
  }

  public static <C extends Collection<?>> C maxSize(String field, C values, int max) {
    notNull(field, values);
    if (values.size() > max) {
      throw new InvalidValueException(
          field, "must have at most " + max + " entries (had " + values.size() + ")");
    }
    return values;
  }

  public static <M extends Map<?, ?>> M maxSize(String field, M values, int max) {
    notNull(field, values);
    if (values.size() > max) {
      throw new InvalidValueException(
          field, "must have at most " + max + " entries (had " + values.size() + ")");
    }
    return values;
  }

  public static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidValueException(field, message);
    }
  }

  /** Wire timestamps carry exactly milliseconds; finer precision would not round-trip. */
  public static Instant millis(String field, Instant value) {
    notNull(field, value);
    if (value.getNano() % 1_000_000 != 0) {
      throw new InvalidValueException(field, "must have millisecond precision");
    }
    return value;
  }

  /** Null-safe equality, for records comparing optional parts. */
  public static boolean same(Object a, Object b) {
    return Objects.equals(a, b);
  }
}
