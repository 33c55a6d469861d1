package io.ovpo.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (spec 00 §2.3), enough of it for audit records:
 * objects with members sorted by UTF-16 code units, no whitespace, strings escaped as ECMAScript's
 * JSON.stringify does, integers as digits. Used to recompute audit record hashes independently of
 * any server (spec 07 §3).
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical form of {@code node}. */
  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    append(out, node);
    return out.toString();
  }

  private static void append(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      // String.compareTo compares UTF-16 code units, which is exactly RFC 8785 §3.2.3's order
      members.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, members.get(i).getKey());
        out.append(':');
        append(out, members.get(i).getValue());
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        append(out, node.get(i));
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(out, node.asText());
    } else if (node.isNumber()) {
      out.append(number(node));
    } else if (node.isBoolean()) {
      out.append(node.asBoolean());
    } else {
      out.append("null");
    }
  }

  /** Integers as plain digits; other numbers in ECMAScript's shortest round-trip form. */
  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    double d = node.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toBigInteger().toString();
    }
    String s = Double.toString(d);
    return s.replace("E", "e").replaceAll("e(\\d)", "e+$1");
  }

  private static void string(StringBuilder out, String s) {
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
    out.append('"');
  }
}
