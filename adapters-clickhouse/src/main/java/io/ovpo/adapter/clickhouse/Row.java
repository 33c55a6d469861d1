package io.ovpo.adapter.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One row of a JSONEachRow answer: column name to a String, Long, Double or null. 64-bit integers
 * may come quoted (servers that ignore {@code output_format_json_quote_64bit_integers=0}), so the
 * numeric accessors accept both forms.
 */
final class Row {
  static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Object> values;

  private Row(Map<String, Object> values) {
    this.values = values;
  }

  /** Every row of a newline-delimited stream of JSON objects. */
  static List<Row> readAll(InputStream in) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (JsonParser p = JSON.createParser(in)) {
      while (p.nextToken() == JsonToken.START_OBJECT) {
        Map<String, Object> values = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          values.put(name, value(p, p.nextToken()));
        }
        rows.add(new Row(values));
      }
    }
    return rows;
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> {
        p.skipChildren(); // arrays and tuples are never selected by this adapter
        yield null;
      }
    };
  }

  String string(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("column " + name + " is missing or null");
    }
    return v.toString();
  }

  long lng(String name) {
    Object v = values.get(name);
    if (v instanceof Number n) {
      return n.longValue();
    }
    return Long.parseLong(string(name));
  }

  double dbl(String name) {
    Object v = values.get(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(string(name));
  }

  /** Empty for SQL NULL (an aggregate over no values, a NULL cell). */
  OptionalDouble optDouble(String name) {
    return values.get(name) == null ? OptionalDouble.empty() : OptionalDouble.of(dbl(name));
  }

  boolean isNull(String name) {
    return values.get(name) == null;
  }
}
