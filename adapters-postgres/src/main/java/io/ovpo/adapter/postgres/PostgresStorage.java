package io.ovpo.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * OVPO's metadata store on PostgreSQL: traces, spans, frame events and their analytics (for
 * deployments without ClickHouse), artifact manifests, tenants, API keys, idempotency keys, the
 * dedupe seen-set, the audit log, tombstones and the reconciliation queue, all behind their ports.
 *
 * <p>Tenant isolation is enforced by the database: every tenant table has row-level security
 * (enabled and forced) on {@code current_setting('app.current_tenant_id')}, which this adapter sets
 * at the start of each transaction. The runtime user should be a non-owner role without BYPASSRLS
 * (such as {@code ovpo_app}); migrations run as the owner (such as {@code ovpo_migrator}). See the
 * module README for the roles and the few cross-tenant directory tables.
 *
 * <pre>{@code
 * PostgresStorage pg = PostgresStorage.builder()
 *     .jdbcUrl("jdbc:postgresql://db:5432/ovpo")
 *     .user("ovpo_app").password(appPassword)
 *     .migrationUser("ovpo_migrator").migrationPassword(migratorPassword)
 *     .poolSize(16)
 *     .build();
 * pg.migrate();          // at start-up, or from `ovpo migrate`
 * TraceStore traces = pg.traces();
 * }</pre>
 *
 * <p>Building does no I/O; the pool connects on first use. Thread-safe.
 */
public final class PostgresStorage implements AutoCloseable {
  private static final String COMPONENT = "postgres";

  private final Builder settings;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final PostgresTraceStore traces;
  private final PostgresSpanStore spans;
  private final PostgresFrameEventStore frameEvents;
  private final PostgresFrameAnalyticsStore frameAnalytics;
  private final PostgresArtifactStore artifacts;
  private final PostgresTenantStore tenants;
  private final PostgresApiKeyStore apiKeys;
  private final PostgresIdempotencyStore idempotency;
  private final PostgresDedupeStore dedupe;
  private final PostgresAuditLog auditLog;
  private final PostgresTombstoneStore tombstones;
  private final PostgresRetentionRunLog retentionRuns;
  private final PostgresReconciliationStore reconciliation;

  private PostgresStorage(Builder b) {
    this.settings = b;
    this.dataSource = new HikariDataSource(); // the no-argument form connects lazily
    dataSource.setPoolName("ovpo-postgres");
    dataSource.setJdbcUrl(b.jdbcUrl);
    dataSource.setUsername(b.user);
    dataSource.setPassword(b.password);
    dataSource.setMaximumPoolSize(b.poolSize);
    dataSource.setMinimumIdle(Math.min(2, b.poolSize));
    dataSource.setConnectionTimeout(b.connectionTimeout.toMillis());
    dataSource.setInitializationFailTimeout(-1); // start even while the database is down
    dataSource.addDataSourceProperty("ApplicationName", "ovpo");
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    // Statements bind optional parameters whether or not the SQL variant uses them.
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    Db db = new Db(jdbi);
    this.traces = new PostgresTraceStore(db, this::check);
    this.spans = new PostgresSpanStore(db, this::check);
    this.frameEvents = new PostgresFrameEventStore(db, this::check);
    this.frameAnalytics = new PostgresFrameAnalyticsStore(db, this::check);
    this.artifacts = new PostgresArtifactStore(db, this::check);
    this.tenants = new PostgresTenantStore(db, this::check);
    this.apiKeys = new PostgresApiKeyStore(db, this::check);
    this.idempotency = new PostgresIdempotencyStore(db, this::check);
    this.dedupe = new PostgresDedupeStore(db, this::check);
    this.auditLog = new PostgresAuditLog(db, this::check);
    this.tombstones = new PostgresTombstoneStore(db, this::check);
    this.retentionRuns = new PostgresRetentionRunLog(db, this::check);
    this.reconciliation = new PostgresReconciliationStore(db, this::check);
  }

  public static Builder builder() {
    return new Builder();
  }

  public TraceStore traces() {
    return traces;
  }

  public SpanStore spans() {
    return spans;
  }

  public FrameEventStore frameEvents() {
    return frameEvents;
  }

  /** Aggregates over the events of {@link #frameEvents()}, computed in the database. */
  public FrameAnalyticsStore frameAnalytics() {
    return frameAnalytics;
  }

  public ArtifactStore artifacts() {
    return artifacts;
  }

  public TenantStore tenants() {
    return tenants;
  }

  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  public IdempotencyStore idempotency() {
    return idempotency;
  }

  public DedupeStore dedupe() {
    return dedupe;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public TombstoneStore tombstones() {
    return tombstones;
  }

  public RetentionRunLog retentionRuns() {
    return retentionRuns;
  }

  public ReconciliationStore reconciliation() {
    return reconciliation;
  }

  /**
   * Brings the schema up to date as the migration user (idempotent, safe to run from several
   * instances at once) and creates the audit log's partitions for the next twelve months. Run it at
   * start-up or from {@code ovpo migrate}, and at least monthly on long-running deployments.
   *
   * @return the number of migrations applied (0 when up to date)
   * @throws io.ovpo.ports.error.StoreUnavailableException when the database refuses or is down
   */
  public int migrate() {
    return Migrator.run(
        settings.jdbcUrl,
        settings.migrationUser.orElse(settings.user),
        settings.migrationUser.isPresent() ? settings.migrationPassword : settings.password,
        settings.appRole.orElse(settings.user),
        settings.clock.instant());
  }

  /**
   * Whether the database answers and the schema is usable by the runtime user; never throws. A
   * runtime user that bypasses row-level security (a superuser, say) is reported up, with a warning
   * in the detail.
   */
  public HealthStatus check() {
    try {
      boolean bypasses =
          jdbi.inTransaction(
              h -> {
                h.execute("SET LOCAL statement_timeout = 2000");
                h.createQuery("SELECT 1 FROM traces LIMIT 0").mapTo(Integer.class).list();
                return h.createQuery(
                        "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                    .mapTo(Boolean.class)
                    .findOne()
                    .orElse(false);
              });
      return bypasses
          ? new HealthStatus(
              COMPONENT, true, "ok (warning: the runtime user bypasses row-level security)")
          : HealthStatus.up(COMPONENT);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return HealthStatus.down(COMPONENT, String.valueOf(root.getMessage()));
    }
  }

  /** Closes the connection pool this storage opened. */
  @Override
  public void close() {
    dataSource.close();
  }

  /** Settings of a {@link PostgresStorage}; {@link #jdbcUrl} and {@link #user} are required. */
  public static final class Builder {
    private String jdbcUrl;
    private String user;
    private String password;
    private Optional<String> migrationUser = Optional.empty();
    private String migrationPassword;
    private Optional<String> appRole = Optional.empty();
    private int poolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** {@code jdbc:postgresql://host:5432/database} ({@code OVPO_PG_URL}). */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /** The runtime user ({@code OVPO_PG_USER}): not the schema owner, no BYPASSRLS. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The runtime user's password ({@code OVPO_PG_PASSWORD}); none for trust authentication. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * The user {@link #migrate()} connects as, owner of the schema ({@code ovpo_migrator}).
     * Default: the runtime user, for single-role development setups only.
     */
    public Builder migrationUser(String migrationUser) {
      this.migrationUser = Optional.of(migrationUser);
      return this;
    }

    public Builder migrationPassword(String migrationPassword) {
      this.migrationPassword = migrationPassword;
      return this;
    }

    /**
     * The role granted the runtime privileges by the migrations. Default: the runtime user; set it
     * when the runtime user gets its privileges through membership in a group role.
     */
    public Builder appRole(String appRole) {
      this.appRole = Optional.of(appRole);
      return this;
    }

    /** Maximum connections in the pool (default 10). */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1");
      }
      this.poolSize = poolSize;
      return this;
    }

    /** How long a caller waits for a pooled connection before failing (default 5 s). */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
      return this;
    }

    /** The clock that dates the audit partitions {@link #migrate()} creates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PostgresStorage build() {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl is required");
      Objects.requireNonNull(user, "user is required");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
      }
      return new PostgresStorage(copy());
    }

    private Builder copy() {
      Builder b = new Builder();
      b.jdbcUrl = jdbcUrl;
      b.user = user;
      b.password = password;
      b.migrationUser = migrationUser;
      b.migrationPassword = migrationPassword;
      b.appRole = appRole;
      b.poolSize = poolSize;
      b.connectionTimeout = connectionTimeout;
      b.clock = clock;
      return b;
    }
  }
}
