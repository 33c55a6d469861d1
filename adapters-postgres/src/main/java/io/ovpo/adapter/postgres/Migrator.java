package io.ovpo.adapter.postgres;

import io.ovpo.ports.error.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies the versioned migrations (Flyway, {@value #LOCATION}) as the migration role, then makes
 * sure audit_log has its monthly partitions for the coming year.
 */
final class Migrator {
  static final String LOCATION = "classpath:io/ovpo/adapter/postgres/migration";

  /** Partitions created ahead of the current month (plus the one before it). */
  static final int AUDIT_MONTHS_AHEAD = 12;

  private Migrator() {}

  /**
   * @param appRole the role the runtime connects as, granted its privileges by V4
   * @return the number of migrations applied
   */
  static int run(String url, String user, String password, String appRole, Instant now) {
    try {
      int applied =
          Flyway.configure(Migrator.class.getClassLoader())
              .dataSource(url, user, password)
              .locations(LOCATION)
              .placeholders(Map.of("appRole", appRole))
              .failOnMissingLocations(true)
              .load()
              .migrate()
              .migrationsExecuted;
      ensureAuditPartitions(url, user, password, now);
      return applied;
    } catch (FlywayException e) {
      throw new StoreUnavailableException(
          SqlErrors.BACKEND, "migration failed: " + e.getMessage(), e);
    }
  }

  private static void ensureAuditPartitions(String url, String user, String password, Instant now) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s =
            c.prepareStatement("SELECT ovpo_ensure_audit_partitions(?::timestamptz, ?)")) {
      s.setString(1, now.toString());
      s.setInt(2, AUDIT_MONTHS_AHEAD);
      s.execute();
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }
}
