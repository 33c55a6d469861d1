package io.ovpo.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one chaos run, dropped at the end: on the server at {@code
 * OVPO_TEST_PG_URL} (default the local one, user {@code OVPO_TEST_PG_USER} or postgres), or on an
 * embedded PostgreSQL when none answers. The apps migrate it at start; the test reads it as the
 * superuser, which row-level security does not restrict.
 */
final class ChaosDatabase implements AutoCloseable {
  private final String host;
  private final String user;
  private final String password;
  private final String name;
  private final Optional<EmbeddedPostgres> embedded;

  private ChaosDatabase(
      String host, String user, String password, Optional<EmbeddedPostgres> embedded)
      throws SQLException {
    this.host = host;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
    this.name = "ovpo_chaos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  static ChaosDatabase create() throws Exception {
    String url = env("OVPO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = env("OVPO_TEST_PG_USER", "postgres");
    String password = System.getenv("OVPO_TEST_PG_PASSWORD");
    String host = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      return new ChaosDatabase(host, user, password, Optional.empty());
    } catch (SQLException unreachable) {
      EmbeddedPostgres pg;
      try {
        pg = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "no PostgreSQL at " + url + " and the embedded one did not start: " + e, e);
      }
      return new ChaosDatabase("localhost:" + pg.getPort(), "postgres", null, Optional.of(pg));
    }
  }

  /** The JDBC URL the apps use. */
  String url() {
    return "jdbc:postgresql://" + host + "/" + name;
  }

  String user() {
    return user;
  }

  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** {@code SELECT count(*) FROM <table>}; 0 while the apps have not migrated yet. */
  long count(String table) {
    try (Connection c = connect(name);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return 0; // undefined table: not migrated yet
      }
      throw new IllegalStateException(e);
    }
  }

  /** The values of one column, as strings (duplicates collapse; compare with count). */
  Set<String> column(String table, String column) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = connect(name);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT " + column + "::text FROM " + table)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /** Number of rows of {@code table} whose {@code column} equals {@code value}. */
  long countWhere(String table, String column, String value) throws SQLException {
    try (Connection c = connect(name);
        var s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")) {
      s.setString(1, value);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Override
  public void close() throws Exception {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } finally {
      if (embedded.isPresent()) {
        embedded.get().close();
      }
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + "/" + database, user, password);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
