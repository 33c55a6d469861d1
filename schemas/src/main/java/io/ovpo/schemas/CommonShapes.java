package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code common.json} definitions the fast path needs, as plain checks. Each returns true only
 * for a value the schema certainly accepts; false means "not shown valid here", never "invalid"
 * (the schema engine then decides). So every check may be stricter than its schema, never looser:
 * numbers are accepted only as int, long or finite double nodes, strings only when their UTF-16
 * length already satisfies a code-point bound, patterns only on ASCII.
 */
final class CommonShapes {
  /** Largest finite double: the bound of {@code finite_number} and {@code attribute_value}. */
  static final double MAX_FINITE = 1.7976931348623157e308;

  private CommonShapes() {}

  /** {@code $defs/uuid}: {@code ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-...$}. */
  static boolean uuid(JsonNode n) {
    return n.isTextual() && uuid(n.textValue());
  }

  static boolean uuid(String s) {
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

  /** {@code $defs/hash64}: 64 lower-case hex characters. */
  static boolean hash64(JsonNode n) {
    if (!n.isTextual() || n.textValue().length() != 64) {
      return false;
    }
    String s = n.textValue();
    for (int i = 0; i < 64; i++) {
      if (!lowerHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code $defs/timestamp}: the pattern {@code YYYY-MM-DDTHH:MM:SS.mmmZ} and {@code format:
   * date-time} (a real calendar instant). Leap seconds ({@code :60}), which the format checker
   * accepts on some dates, are left to the schema engine.
   */
  static boolean timestamp(JsonNode n) {
    if (!n.isTextual()) {
      return false;
    }
    String s = n.textValue();
    if (s.length() != 24
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.'
        || s.charAt(23) != 'Z') {
      return false;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = digits(s, 20, 3);
    return year >= 0
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= daysIn(year, month)
        && hour >= 0
        && hour <= 23
        && minute >= 0
        && minute <= 59
        && second >= 0
        && second <= 59
        && millis >= 0;
  }

  /** An int or long node within [min, max] ({@code "type": "integer"} with bounds). */
  static boolean integerIn(JsonNode n, long min, long max) {
    if (!n.isInt() && !n.isLong()) {
      return false;
    }
    long v = n.longValue();
    return v >= min && v <= max;
  }

  /**
   * An int, long or finite double node within [min, max] ({@code "type": "number"} with bounds).
   * The bounds the schemas use are exactly representable doubles, and the schema engine compares
   * the same parsed double, so comparing here gives its verdict.
   */
  static boolean numberIn(JsonNode n, double min, double max) {
    double v;
    if (n.isInt() || n.isLong()) {
      v = n.longValue();
    } else if (n.isDouble()) {
      v = n.doubleValue();
      if (!Double.isFinite(v)) {
        return false;
      }
    } else {
      return false;
    }
    return v >= min && v <= max;
  }

  /** {@code $defs/finite_number}. */
  static boolean finiteNumber(JsonNode n) {
    return numberIn(n, -MAX_FINITE, MAX_FINITE);
  }

  /** A string of at most {@code max} code points (checked as UTF-16 length, which is larger). */
  static boolean stringUpTo(JsonNode n, int max) {
    return n.isTextual() && n.textValue().length() <= max;
  }

  /** A value of an enum of strings. */
  static boolean oneOf(JsonNode n, String... values) {
    if (!n.isTextual()) {
      return false;
    }
    String s = n.textValue();
    for (String v : values) {
      if (v.equals(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code $defs/attributes}: at most 128 keys matching {@code
   * ^(ovpo|custom)\.[A-Za-z0-9_.-]{1,123}$}, each value an {@code attribute_value}.
   */
  static boolean attributes(JsonNode n) {
    if (!n.isObject() || n.size() > 128) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!attributeKey(e.getKey()) || !attributeValue(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean attributeKey(String k) {
    int start;
    if (k.startsWith("ovpo.")) {
      start = 5;
    } else if (k.startsWith("custom.")) {
      start = 7;
    } else {
      return false;
    }
    int n = k.length() - start;
    if (n < 1 || n > 123) {
      return false;
    }
    for (int i = start; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!(alnum(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** A string (at most 4096), a finite number, a boolean, or an array of at most 128 of those. */
  private static boolean attributeValue(JsonNode v) {
    if (v.isArray()) {
      if (v.size() > 128) {
        return false;
      }
      for (int i = 0; i < v.size(); i++) {
        if (!attributeScalar(v.get(i))) {
          return false;
        }
      }
      return true;
    }
    return attributeScalar(v);
  }

  private static boolean attributeScalar(JsonNode v) {
    return stringUpTo(v, 4096) || v.isBoolean() || finiteNumber(v);
  }

  /**
   * {@code $defs/artifact_ref}: a closed object with artifact_id, kind, uri, content_type and
   * size_bytes, and optionally sha256 and ttl_hours.
   */
  static boolean artifactRef(JsonNode n) {
    if (!n.isObject()) {
      return false;
    }
    JsonNode id = n.get("artifact_id");
    JsonNode kind = n.get("kind");
    JsonNode uri = n.get("uri");
    JsonNode contentType = n.get("content_type");
    JsonNode size = n.get("size_bytes");
    if (id == null || kind == null || uri == null || contentType == null || size == null) {
      return false;
    }
    int known = 5;
    JsonNode sha = n.get("sha256");
    if (sha != null) {
      if (!hash64(sha)) {
        return false;
      }
      known++;
    }
    JsonNode ttl = n.get("ttl_hours");
    if (ttl != null) {
      if (!integerIn(ttl, 1, 87_600)) {
        return false;
      }
      known++;
    }
    return n.size() == known
        && uuid(id)
        && oneOf(kind, "VIDEO", "THUMBNAIL", "FRAME", "LATENT", "LOG")
        && artifactUri(uri)
        && contentType(contentType)
        && integerIn(size, 0, Long.MAX_VALUE);
  }

  /** {@code ^(s3|ovpo)://\S{1,2040}$}, the rest restricted to visible ASCII. */
  private static boolean artifactUri(JsonNode n) {
    if (!n.isTextual()) {
      return false;
    }
    String s = n.textValue();
    int start;
    if (s.startsWith("s3://")) {
      start = 5;
    } else if (s.startsWith("ovpo://")) {
      start = 7;
    } else {
      return false;
    }
    int rest = s.length() - start;
    if (rest < 1 || rest > 2040) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * 3 to 255 characters matching {@code ^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;.*)?$}, all
   * printable ASCII (so that {@code .} matches every parameter character).
   */
  private static boolean contentType(JsonNode n) {
    if (!n.isTextual()) {
      return false;
    }
    String s = n.textValue();
    if (s.length() < 3 || s.length() > 255) {
      return false;
    }
    int i = 0;
    while (i < s.length() && tokenChar(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i == s.length() || s.charAt(i) != '/') {
      return false;
    }
    int subtype = ++i;
    while (i < s.length() && tokenChar(s.charAt(i))) {
      i++;
    }
    if (i == subtype) {
      return false;
    }
    if (i == s.length()) {
      return true;
    }
    if (s.charAt(i) != ';') {
      return false;
    }
    for (i++; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static boolean tokenChar(char c) {
    return alnum(c) || "!#$&^_.+-".indexOf(c) >= 0;
  }

  static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean lowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** The value of ASCII digits, or -1 when any character is not one. */
  private static int digits(String s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Days of a month in the proleptic Gregorian calendar (as java.time counts them). */
  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
