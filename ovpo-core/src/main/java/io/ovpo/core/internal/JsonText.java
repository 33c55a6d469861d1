package io.ovpo.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON core needs without a JSON library: string escaping, the compact size of attribute
 * values, and a parser for the flat objects core itself writes (cursors). Escaping follows RFC 8259
 * minimally: {@code "} and {@code \} are escaped, control characters use the short forms {@code \b
 * \f \n \r \t} or {@code \}{@code u00xx} (lower-case hex); everything else is written as is
 * (UTF-8).
 */
public final class JsonText {
  private JsonText() {}

  /** Appends {@code s} as a quoted, escaped JSON string. */
  public static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** {@code s} as a quoted, escaped JSON string. */
  public static String quote(String s) {
    return string(new StringBuilder(s.length() + 2), s).toString();
  }

  /**
   * UTF-8 byte size of the compact JSON of a value made of maps with string keys, lists, strings,
   * numbers (Long, Double) and booleans; what a JSON library would write, up to the spelling of
   * doubles.
   */
  public static long compactSize(Object value) {
    if (value instanceof String s) {
      return utf8Length(quote(s));
    }
    if (value instanceof Map<?, ?> map) {
      long size = 2 + Math.max(0, map.size() - 1); // braces and commas
      for (var e : map.entrySet()) {
        size += compactSize(String.valueOf(e.getKey())) + 1 + compactSize(e.getValue());
      }
      return size;
    }
    if (value instanceof List<?> list) {
      long size = 2 + Math.max(0, list.size() - 1);
      for (Object o : list) {
        size += compactSize(o);
      }
      return size;
    }
    return String.valueOf(value).length(); // numbers, booleans, null
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Parses a flat JSON object whose values are strings or integers (no nesting, no other types).
   *
   * @throws IllegalArgumentException on anything else
   */
  public static Map<String, Object> parseFlatObject(String json) {
    return new FlatParser(json).parse();
  }

  private static final class FlatParser {
    private final String s;
    private int i;

    FlatParser(String s) {
      this.s = s;
    }

    Map<String, Object> parse() {
      Map<String, Object> out = new LinkedHashMap<>();
      expect('{');
      if (peek() == '}') {
        i++;
      } else {
        do {
          String key = string();
          expect(':');
          Object value = peek() == '"' ? string() : integer();
          if (out.put(key, value) != null) {
            throw new IllegalArgumentException("duplicate key " + key);
          }
        } while (next() == ',');
        i--;
        expect('}');
      }
      if (i != s.length()) {
        throw new IllegalArgumentException("trailing characters");
      }
      return out;
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("control character in string");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw new IllegalArgumentException("short unicode escape");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape");
        }
      }
    }

    private Long integer() {
      int start = i;
      if (peek() == '-') {
        i++;
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return Long.parseLong(s.substring(start, i)); // NumberFormatException is an IAE
    }

    private void expect(char c) {
      if (next() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }
  }
}
