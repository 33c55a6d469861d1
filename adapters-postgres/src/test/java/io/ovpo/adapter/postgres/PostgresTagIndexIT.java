package io.ovpo.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.testkit.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code trace_tags}, the tag filter's index, follows every change of a trace's tags and
 * created_at, and leaves nothing behind when the trace is deleted.
 */
@ExtendWith(PostgresExtension.class)
class PostgresTagIndexIT {
  private Fixtures fx;

  @BeforeEach
  void seed(TestInfo test) {
    fx = Fixtures.forTest(test.getDisplayName());
  }

  @Test
  void updatedTags_moveTheTraceBetweenTagFilters(TestDatabase db) {
    TenantId tenant = fx.tenant();
    Trace v1 = fx.trace().tag("team", "a").tag("env", "prod").build();
    put(db, fx.record(tenant, v1).build(), 0);
    Trace v2 = fx.trace().id(v1.traceId()).tag("team", "b").tag("env", "prod").build();
    TraceRecord r2 = fx.record(tenant, v2).version(2).build();
    put(db, r2, 1);
    assertThat(tagged(db, tenant, Map.of("team", "a"))).isEmpty();
    assertThat(tagged(db, tenant, Map.of("team", "b"))).containsExactly(r2);
    assertThat(tagged(db, tenant, Map.of("env", "prod", "team", "b"))).containsExactly(r2);
  }

  @Test
  void movedCreatedAt_keepsTheTagFilteredPageInOrder(TestDatabase db) {
    TenantId tenant = fx.tenant();
    Trace early = fx.trace().tag("team", "a").createdAt(Fixtures.T0).build();
    Trace late = fx.trace().tag("team", "a").createdAt(Fixtures.T0.plusSeconds(10)).build();
    put(db, fx.record(tenant, early).build(), 0);
    TraceRecord lateRecord = put(db, fx.record(tenant, late).build(), 0);
    Trace moved =
        fx.trace()
            .id(early.traceId())
            .tag("team", "a")
            .createdAt(Fixtures.T0.plusSeconds(20))
            .build();
    TraceRecord movedRecord = put(db, fx.record(tenant, moved).version(2).build(), 1);
    assertThat(tagged(db, tenant, Map.of("team", "a"))).containsExactly(movedRecord, lateRecord);
  }

  @Test
  void deletedTraces_leaveNoTagRows(TestDatabase db) throws SQLException {
    TenantId tenant = fx.tenant();
    TraceRecord r = put(db, fx.record(tenant, fx.trace().full().build()).build(), 0);
    assertThat(tagRows(db, tenant)).isEqualTo(r.trace().tags().values().size());
    db.storage().traces().delete(tenant, List.of(r.traceId()));
    assertThat(tagRows(db, tenant)).isZero();
    assertThat(tagged(db, tenant, Map.of("team", "video-research"))).isEmpty();
  }

  private static TraceRecord put(TestDatabase db, TraceRecord r, long expected) {
    assertThat(db.storage().traces().put(r, expected)).isTrue();
    return r;
  }

  private static List<TraceRecord> tagged(TestDatabase db, TenantId t, Map<String, String> tags) {
    return db.storage()
        .traces()
        .list(new TraceQuery(t, Set.of(), TimeRange.all(), Tags.of(tags), 200, Optional.empty()))
        .items();
  }

  private static long tagRows(TestDatabase db, TenantId tenant) throws SQLException {
    try (Connection c = db.connectAsAdmin();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM trace_tags WHERE tenant_id = ?")) {
      s.setString(1, tenant.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
