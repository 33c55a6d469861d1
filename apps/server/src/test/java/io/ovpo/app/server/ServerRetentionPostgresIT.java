package io.ovpo.app.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RetentionScenario} with OVPO_STORE=postgres: traces, spans, frame events, manifests and
 * tombstones in a fresh database on the PostgreSQL at {@code OVPO_TEST_PG_URL} (default
 * 127.0.0.1:5432, user postgres), or on an embedded one when none answers. The server migrates it.
 */
class ServerRetentionPostgresIT extends RetentionScenario {
  private String adminUrl;
  private String user;
  private String password;
  private String database;
  private EmbeddedPostgres embedded;

  @Override
  Map<String, String> storeSettings() throws Exception {
    adminUrl = env("OVPO_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/postgres");
    user = env("OVPO_TEST_PG_USER").orElse("postgres");
    password = env("OVPO_TEST_PG_PASSWORD").orElse(null);
    if (!reachable()) {
      embedded = EmbeddedPostgres.builder().start();
      adminUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres";
      user = "postgres";
      password = null;
    }
    database = "ovpo_retention_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    return password == null
        ? Map.of("OVPO_STORE", "postgres", "OVPO_PG_URL", url, "OVPO_PG_USER", user)
        : Map.of(
            "OVPO_STORE",
            "postgres",
            "OVPO_PG_URL",
            url,
            "OVPO_PG_USER",
            user,
            "OVPO_PG_PASSWORD",
            password);
  }

  @Override
  void releaseStores() throws Exception {
    try {
      if (database != null) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private boolean reachable() {
    DriverManager.setLoginTimeout(3);
    try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
