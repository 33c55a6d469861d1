package io.ovpo.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Binding and reading helpers. Instants travel as ISO-8601 text cast to timestamptz in the SQL
 * ({@code :t::timestamptz}), which is exact and independent of the JVM's time zone; PostgreSQL
 * keeps microseconds.
 */
final class Sql {
  private Sql() {}

  static String ts(Instant instant) {
    return instant.toString();
  }

  /** Null for an empty optional, for nullable columns. */
  static String ts(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(null);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  static Optional<String> optString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static OptionalInt optInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
  }

  static OptionalDouble optDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The values as strings, for {@code bindArray(name, String.class, ...)} and a cast in SQL. */
  static <T> List<String> texts(Collection<T> values, Function<T, ?> part) {
    List<String> out = new ArrayList<>(values.size());
    for (T v : values) {
      Object p = part.apply(v);
      out.add(p == null ? null : p.toString());
    }
    return out;
  }
}
