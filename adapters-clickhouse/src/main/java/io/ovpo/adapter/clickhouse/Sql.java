package io.ovpo.adapter.clickhouse;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * SQL text for ClickHouse. Values are inlined as escaped literals because 18.16 has no server-side
 * query parameters; every value that reaches here is also validated by its model type first.
 */
final class Sql {
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

  private Sql() {}

  /** A single-quoted string literal. */
  static String literal(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('\'').toString();
  }

  /** {@code (lit, lit, ...)} for an IN clause; the collection must not be empty. */
  static String list(Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("empty IN list");
    }
    return values.stream().map(Sql::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /** A database or table name, back-quoted; only plain names are accepted. */
  static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "ClickHouse name must match " + IDENTIFIER.pattern() + " (was '" + name + "')");
    }
    return "`" + name + "`";
  }
}
