package io.ovpo.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the database itself guarantees, proved with raw SQL as the runtime role {@code ovpo_app}:
 * row-level security isolates tenants even for SQL without any tenant filter, the runtime role can
 * neither change the audit log nor switch isolation off, and the owner cannot rewrite the audit log
 * either.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSecurityIT {
  /** Tables whose every row belongs to one tenant, behind row-level security. */
  private static final List<String> TENANT_TABLES =
      List.of(
          "traces",
          "trace_tags",
          "spans",
          "frame_events",
          "artifact_manifests",
          "api_keys",
          "idempotency_keys",
          "dedupe_items",
          "audit_log",
          "audit_head",
          "tombstones",
          "deleted_traces",
          "retention_jobs",
          "users",
          "orphan_traces");

  /** The deliberate cross-tenant directories (ids, names and times only) and Flyway's history. */
  private static final Set<String> NOT_TENANT_TABLES =
      Set.of(
          "tenants",
          "api_key_directory",
          "running_deletions",
          "reconciliation_queue",
          "flyway_schema_history");

  private final Fixtures fx = Fixtures.forTest(PostgresSecurityIT.class.getName());
  private TestDatabase db;
  private PostgresStorage storage;
  private TenantId a;
  private TenantId b;

  @BeforeAll
  void writeTwoTenants(TestDatabase database) {
    this.db = database;
    this.storage = database.storage();
    a = fx.tenant();
    b = fx.tenant();
    for (TenantId t : List.of(a, b)) {
      TraceId trace = fx.traceId();
      storage.traces().put(fx.record(t, fx.trace().id(trace).tag("team", "a").build()).build(), 0);
      storage.spans().upsert(t, List.of(fx.span(trace).build()));
      storage.frameEvents().append(t, List.of(fx.event(trace).stored()));
      storage.artifacts().putManifest(t, fx.manifest(trace).build(), Fixtures.T0);
      storage.apiKeys().create(fx.apiKey(t, Fixtures.T0));
      storage.idempotency().claim(t, "key", fx.hex64(), Fixtures.T0, Duration.ofMinutes(1));
      storage.dedupe().remember(t, List.of("span:1"), Fixtures.T0.plusSeconds(86_400));
      storage
          .auditLog()
          .append(
              fx.auditRecord(
                  fx.auditEvent(t, AuditAction.TRACE_ACCESS, Fixtures.T0),
                  1,
                  AuditRecord.GENESIS_HASH));
      storage.tombstones().save(fx.tombstone(t, Fixtures.T0, DeletionState.RUNNING));
      storage.tombstones().markDeleted(t, fx.deletionId(), List.of(fx.traceId()));
      storage.reconciliation().orphanSeen(t, fx.traceId(), Fixtures.T0);
    }
  }

  @Test
  void sqlWithoutAnyTenantFilter_seesOnlyTheCurrentTenantsRows() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      c.setAutoCommit(false);
      setTenant(c, a);
      for (String table : TENANT_TABLES) {
        assertThat(tenantsIn(c, table)).as(table).isSubsetOf(a.value());
      }
      for (String table :
          List.of("traces", "trace_tags", "spans", "frame_events", "audit_log", "api_keys")) {
        assertThat(tenantsIn(c, table)).as(table).containsExactly(a.value());
      }
      c.rollback();
    }
  }

  @Test
  void sqlWithoutATenantContext_seesNoTenantRows() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      for (String table : TENANT_TABLES) {
        assertThat(tenantsIn(c, table)).as(table).isEmpty();
      }
    }
  }

  @Test
  void tenantContext_endsWithItsTransaction() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      c.setAutoCommit(false);
      setTenant(c, b);
      assertThat(tenantsIn(c, "traces")).containsExactly(b.value());
      c.commit();
      assertThat(tenantsIn(c, "traces")).isEmpty();
      c.rollback();
    }
  }

  @Test
  void writingAnotherTenantsRow_isRefusedByThePolicy() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      c.setAutoCommit(false);
      setTenant(c, a);
      assertRefused(
          c,
          "INSERT INTO dedupe_items (tenant_id, item_key, expires_at)"
              + " VALUES ('"
              + b.value()
              + "', 'x', now())",
          "42501");
      setTenant(c, a);
      assertRefused(c, "UPDATE traces SET tenant_id = '" + b.value() + "'", "42501");
    }
  }

  @Test
  void everyTenantTable_enablesAndForcesRowLevelSecurityWithAPolicy() throws SQLException {
    List<String> unprotected = new ArrayList<>();
    try (Connection c = db.connectAsAdmin();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced,"
                    + " EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname) AS policy"
                    + " FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
                    + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition")) {
      Set<String> tables = new HashSet<>();
      while (rs.next()) {
        String table = rs.getString(1);
        tables.add(table);
        if (!NOT_TENANT_TABLES.contains(table) && !(rs.getBoolean(2) && rs.getBoolean(3))) {
          unprotected.add(table);
        }
      }
      assertThat(tables).containsAll(TENANT_TABLES).containsAll(NOT_TENANT_TABLES);
    }
    assertThat(unprotected).isEmpty();
  }

  @Test
  void runtimeRole_neitherOwnsTablesNorBypassesRowLevelSecurity() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT r.rolsuper, r.rolbypassrls,"
                    + " (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)"
                    + " FROM pg_roles r WHERE r.rolname = current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).as("superuser").isFalse();
      assertThat(rs.getBoolean(2)).as("bypassrls").isFalse();
      assertThat(rs.getLong(3)).as("tables owned").isZero();
    }
  }

  @Test
  void runtimeRole_cannotSwitchRowLevelSecurityOff() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      assertRefused(c, "ALTER TABLE traces DISABLE ROW LEVEL SECURITY", "42501");
      assertRefused(c, "DROP POLICY tenant_isolation ON traces", "42501");
    }
  }

  @Test
  void auditLog_updateDeleteAndTruncate_areRefusedToTheRuntimeRole() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.APP)) {
      c.setAutoCommit(false);
      setTenant(c, a);
      assertRefused(c, "UPDATE audit_log SET actor_id = 'forged'", "42501", "permission denied");
      setTenant(c, a);
      assertRefused(c, "DELETE FROM audit_log", "42501", "permission denied");
      assertRefused(c, "TRUNCATE audit_log", "42501", "permission denied");
      assertRefused(c, "SELECT count(*) FROM audit_log_default", "42501", "permission denied");
    }
    assertThat(storage.auditLog().head(a).orElseThrow().event().actorId()).isNotEqualTo("forged");
  }

  @Test
  void auditLog_updateAndDelete_areRefusedEvenToTheOwner() throws SQLException {
    try (Connection c = db.connectAs(TestDatabase.MIGRATOR)) {
      c.setAutoCommit(false);
      setTenant(c, a);
      assertRefused(c, "UPDATE audit_log SET actor_id = 'forged'", "42501", "append-only");
      setTenant(c, a);
      assertRefused(c, "DELETE FROM audit_log", "42501", "append-only");
      assertRefused(c, "TRUNCATE audit_log", "42501", "append-only");
    }
  }

  @Test
  void migrate_again_changesNothing_andAuditPartitionsCoverTheComingYear() throws SQLException {
    assertThat(storage.migrate()).isZero();
    Set<String> partitions = new HashSet<>();
    try (Connection c = db.connectAsAdmin();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = 'audit_log'::regclass")) {
      while (rs.next()) {
        partitions.add(rs.getString(1));
      }
    }
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    for (int i = -1; i <= Migrator.AUDIT_MONTHS_AHEAD; i++) {
      YearMonth m = now.plusMonths(i);
      assertThat(partitions)
          .contains(String.format("audit_log_%d_%02d", m.getYear(), m.getMonthValue()));
    }
    assertThat(partitions).contains("audit_log_default");
  }

  @Test
  void check_withTheRuntimeRole_isUpWithoutWarning() {
    assertThat(storage.check().up()).isTrue();
    assertThat(storage.check().detail()).isEqualTo("ok");
  }

  @Test
  void check_unreachableDatabase_isDownAndDoesNotThrow() {
    try (PostgresStorage nowhere =
        PostgresStorage.builder()
            .jdbcUrl("jdbc:postgresql://127.0.0.1:1/ovpo?connectTimeout=1")
            .user("ovpo_app")
            .connectionTimeout(Duration.ofMillis(500))
            .build()) {
      assertThat(nowhere.check().up()).isFalse();
      assertThatThrownBy(() -> nowhere.traces().get(a, fx.traceId()))
          .isInstanceOf(io.ovpo.ports.error.StoreUnavailableException.class);
    }
  }

  // ---- helpers ----

  private static void setTenant(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
      s.setString(1, tenant.value());
      s.executeQuery().close();
    }
  }

  /** The distinct tenant ids a plain, unfiltered SELECT of {@code table} returns. */
  private static Set<String> tenantsIn(Connection c, String table) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT tenant_id FROM " + table)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Runs {@code sql} expecting the database to refuse it with {@code sqlState}. */
  private static void assertRefused(Connection c, String sql, String sqlState) throws SQLException {
    assertRefused(c, sql, sqlState, "");
  }

  /** ... and with a message containing {@code because}, which tells privilege from trigger. */
  private static void assertRefused(Connection c, String sql, String sqlState, String because)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(sql))
          .as(sql)
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo(sqlState);
                assertThat(e.getMessage()).contains(because);
              });
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
  }
}
