package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one JSON configuration of OVPO's wire format: strict reading (duplicate keys, trailing data,
 * deep nesting, huge strings and numbers are refused) and compact, deterministic writing.
 *
 * <p>Unknown properties are not refused here: the JSON Schemas decide what is allowed. Timestamps
 * are RFC 3339 UTC with exactly three fraction digits and {@code Z} ({@code
 * 2026-11-25T20:42:17.123Z}), read and written by {@link #formatInstant} and {@link #parseInstant}
 * rather than by Jackson's date handling, so there is exactly one accepted spelling.
 */
public final class WireJson {
  /** Deepest nesting of objects and arrays accepted (spec 10, max_json_depth); payloads need 7. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** Longest string value accepted, in characters (1 MiB). */
  public static final int MAX_STRING_LENGTH = 1024 * 1024;

  /** Longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // A duplicate key would let two readers of the same bytes see different values.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private WireJson() {}

  /** The strict factory, for streaming readers and writers. Thread-safe. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** The shared mapper over {@link #factory()}. Thread-safe; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Reads exactly one JSON value.
   *
   * @throws JsonProcessingException for malformed JSON, bytes that are not UTF-8, a duplicate key,
   *     trailing data or a violated read constraint (nesting, string or number length); {@code
   *     com.fasterxml.jackson.core.exc.StreamConstraintsException} for the last
   */
  public static JsonNode parse(byte[] json) throws JsonProcessingException {
    if (notUtf8(json)) {
      throw new JsonProcessingException(
          "the body must be UTF-8 (it looks like UTF-16 or UTF-32)") {};
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new JsonProcessingException("no JSON value (empty input)") {};
      }
      return node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // Reading a byte array does no I/O; anything else is a parse problem.
      throw new JsonProcessingException(e.getMessage(), e) {};
    }
  }

  /**
   * Jackson would detect UTF-16 and UTF-32 by itself; the wire is UTF-8 only (spec 00 §2.3). JSON
   * text starts with an ASCII character, so a zero byte among the first four, or a UTF-16 byte
   * order mark, means another encoding.
   */
  static boolean notUtf8(byte[] b) {
    if (b.length >= 2
        && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)
            || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
      return true;
    }
    for (int i = 0; i < Math.min(4, b.length); i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Compact UTF-8 bytes of a tree, keys in the order they were put (deterministic). */
  public static byte[] toBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree", e);
    }
  }

  /**
   * Formats an instant as {@code YYYY-MM-DDTHH:MM:SS.mmmZ}. Sub-millisecond digits are dropped.
   *
   * @throws IllegalArgumentException for a year outside 0000..9999, which the format cannot hold
   */
  public static String formatInstant(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year out of the wire range 0000..9999: " + instant);
    }
    char[] c = new char[24];
    put(c, 0, year, 4);
    c[4] = '-';
    put(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    put(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    put(c, 11, t.getHour(), 2);
    c[13] = ':';
    put(c, 14, t.getMinute(), 2);
    c[16] = ':';
    put(c, 17, t.getSecond(), 2);
    c[19] = '.';
    put(c, 20, instant.getNano() / 1_000_000, 3);
    c[23] = 'Z';
    return new String(c);
  }

  /**
   * Parses {@code YYYY-MM-DDTHH:MM:SS.mmmZ} naming a real UTC instant; nothing else (no offsets, no
   * other precision, no leap second).
   *
   * @throws IllegalArgumentException with a reason (without the field name) otherwise
   */
  public static Instant parseInstant(String text) {
    if (text.length() != 24
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != '.'
        || text.charAt(23) != 'Z') {
      throw new IllegalArgumentException(
          "does not match the timestamp format YYYY-MM-DDTHH:MM:SS.mmmZ");
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              digits(text, 0, 4),
              digits(text, 5, 2),
              digits(text, 8, 2),
              digits(text, 11, 2),
              digits(text, 14, 2),
              digits(text, 17, 2),
              digits(text, 20, 3) * 1_000_000);
      return t.toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("is not a real UTC date and time", e);
    }
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static int digits(String s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        throw new IllegalArgumentException(
            "does not match the timestamp format YYYY-MM-DDTHH:MM:SS.mmmZ");
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }
}
