package io.ovpo.compliance.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A database created for one compliance run and dropped after it, on the PostgreSQL at {@code
 * OVPO_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code
 * OVPO_TEST_PG_USER} or postgres), or on an embedded PostgreSQL when none answers. The server runs
 * as the role {@code ovpo_compliance}, owner of the database (a single-role deployment).
 */
final class FreshDatabase implements AutoCloseable {
  static final String ROLE = "ovpo_compliance";

  private final String adminUrl;
  private final String adminUser;
  private final String adminPassword;
  private final Optional<EmbeddedPostgres> embedded;
  private final String name;

  private FreshDatabase(
      String adminUrl, String adminUser, String adminPassword, Optional<EmbeddedPostgres> embedded)
      throws SQLException {
    this.adminUrl = adminUrl;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
    this.embedded = embedded;
    this.name = "ovpo_cmp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
        Statement s = c.createStatement()) {
      // roles are per cluster; tolerate a parallel run creating it at the same moment
      s.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
              + ROLE
              + "') THEN CREATE ROLE "
              + ROLE
              + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
              + ROLE
              + "'; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
      s.execute("CREATE DATABASE " + name + " OWNER " + ROLE);
    }
  }

  static FreshDatabase create() throws Exception {
    String url = env("OVPO_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
    String user = env("OVPO_TEST_PG_USER").orElse("postgres");
    String password = env("OVPO_TEST_PG_PASSWORD").orElse(null);
    if (reachable(url, user, password)) {
      return new FreshDatabase(url, user, password, Optional.empty());
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
    return new FreshDatabase(
        "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
        "postgres",
        null,
        Optional.of(pg));
  }

  /** The JDBC URL of the fresh database. */
  String url() {
    return adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
  }

  String name() {
    return name;
  }

  @Override
  public void close() throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } finally {
      if (embedded.isPresent()) {
        embedded.get().close();
      }
    }
  }

  private static boolean reachable(String url, String user, String password) {
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
