package io.ovpo.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database for one test run, on the server at {@code OVPO_TEST_PG_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code OVPO_TEST_PG_USER} or postgres, password
 * {@code OVPO_TEST_PG_PASSWORD}) or, when none answers, on an embedded PostgreSQL (zonky). It
 * creates the roles {@code ovpo_migrator} (owns the schema) and {@code ovpo_app} (runtime) if they
 * are missing, migrates, and drops the database on {@link #close()}.
 */
final class TestDatabase implements AutoCloseable {
  static final String MIGRATOR = "ovpo_migrator";
  static final String APP = "ovpo_app";

  private static final Pattern URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");

  private final String adminUrl;
  private final String adminUser;
  private final String adminPassword;
  private final Optional<EmbeddedPostgres> embedded;
  private final String name;
  private boolean owned;
  private final String url;
  private final PostgresStorage storage;

  private TestDatabase(
      String adminUrl,
      String adminUser,
      String adminPassword,
      Optional<EmbeddedPostgres> embedded,
      Optional<String> existing)
      throws SQLException {
    this.adminUrl = adminUrl;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
    this.embedded = embedded;
    this.owned = existing.isEmpty();
    this.name =
        existing.orElse(
            "ovpo_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    this.url = withDatabase(adminUrl, name);
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      for (String role : new String[] {MIGRATOR, APP}) {
        // Roles are per server; tolerate a parallel run creating them at the same moment.
        s.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                + role
                + "') THEN CREATE ROLE "
                + role
                + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
                + role
                + "'; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
      }
      if (owned) {
        s.execute("CREATE DATABASE " + name + " OWNER " + MIGRATOR);
      }
    }
    this.storage =
        PostgresStorage.builder()
            .jdbcUrl(url)
            .user(APP)
            .password(APP)
            .migrationUser(MIGRATOR)
            .migrationPassword(MIGRATOR)
            .poolSize(8)
            .build();
    storage.migrate();
  }

  /** Connects to the configured server, or starts an embedded one. */
  static TestDatabase create() throws Exception {
    String url = env("OVPO_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = env("OVPO_TEST_PG_USER").orElse("postgres");
    String password = env("OVPO_TEST_PG_PASSWORD").orElse(null);
    if (reachable(url, user, password)) {
      return new TestDatabase(url, user, password, Optional.empty(), Optional.empty());
    }
    EmbeddedPostgres pg;
    try {
      pg = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "no PostgreSQL at "
              + url
              + " and the embedded one did not start (it cannot run as root): "
              + e.getMessage(),
          e);
    }
    // Not pg.getJdbcUrl(...): its ?user=postgres would override the roles the tests connect as.
    return new TestDatabase(
        "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
        "postgres",
        null,
        Optional.of(pg),
        Optional.empty());
  }

  /** An existing database of the configured server, migrated but neither created nor dropped. */
  static TestDatabase attach(String database) throws SQLException {
    return new TestDatabase(
        env("OVPO_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/postgres"),
        env("OVPO_TEST_PG_USER").orElse("postgres"),
        env("OVPO_TEST_PG_PASSWORD").orElse(null),
        Optional.empty(),
        Optional.of(database));
  }

  /** Leaves the database in place on {@link #close()}; returns its name. */
  String keep() {
    owned = false;
    return name;
  }

  PostgresStorage storage() {
    return storage;
  }

  /** The test database's JDBC URL. */
  String url() {
    return url;
  }

  boolean embedded() {
    return embedded.isPresent();
  }

  /** A raw connection to the test database as {@code role} (password = role name). */
  Connection connectAs(String role) throws SQLException {
    return DriverManager.getConnection(url, role, role);
  }

  /** A raw connection to the test database as the server's superuser. */
  Connection connectAsAdmin() throws SQLException {
    return DriverManager.getConnection(url, adminUser, adminPassword);
  }

  @Override
  public void close() throws SQLException, IOException {
    storage.close();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      if (owned) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } finally {
      if (embedded.isPresent()) {
        embedded.get().close();
      }
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
  }

  private static boolean reachable(String url, String user, String password) {
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  static String withDatabase(String jdbcUrl, String database) {
    Matcher m = URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + jdbcUrl);
    }
    return m.group(1) + database.toLowerCase(Locale.ROOT) + (m.group(3) == null ? "" : m.group(3));
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
