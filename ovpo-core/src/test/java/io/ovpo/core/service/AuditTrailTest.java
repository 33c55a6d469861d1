package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class AuditTrailTest {
  private Harness h;
  private Principal admin;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    admin = h.principal(Role.ADMIN);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private AuditRecord record(AuditAction action) {
    return h.audit.record(
        admin, Harness.request(), h.tenant, action, Optional.of("r"), Map.of("k", "v"));
  }

  @Test
  void concurrentRecords_formOneGaplessChain() {
    Concurrently.runAll(8, i -> record(AuditAction.TRACE_QUERY));

    List<AuditRecord> ascending = h.memory.auditLog().ascending(h.tenant, 1, 100);
    assertThat(ascending)
        .extracting(AuditRecord::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    for (int i = 1; i < ascending.size(); i++) {
      assertThat(ascending.get(i).previousHash()).isEqualTo(ascending.get(i - 1).recordHash());
    }
  }

  @Test
  void list_pagesNewestFirst_withACursor_andNoCursorOnTheLastPage() {
    for (int i = 0; i < 5; i++) {
      record(i % 2 == 0 ? AuditAction.TRACE_ACCESS : AuditAction.TRACE_QUERY);
    }
    List<Long> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      AuditPage page = h.audit.list(admin, Optional.empty(), TimeRange.all(), 2, cursor);
      page.records().forEach(r -> seen.add(r.sequence()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());

    assertThat(seen).containsExactly(5L, 4L, 3L, 2L, 1L);
    AuditPage exact =
        h.audit.list(
            admin, Optional.of(AuditAction.TRACE_QUERY), TimeRange.all(), 2, Optional.empty());
    assertThat(exact.records()).extracting(AuditRecord::sequence).containsExactly(4L, 2L);
    assertThat(exact.nextCursor()).isEmpty();
  }

  @Test
  void listAndVerify_needAdminKeys_andABadCursorIsInvalidCursor() {
    Principal developer = h.principal(Role.DEVELOPER);
    assertThatThrownBy(
            () -> h.audit.list(developer, Optional.empty(), TimeRange.all(), 10, Optional.empty()))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThatThrownBy(() -> h.audit.verify(developer)).isInstanceOf(OvpoException.class);
    assertThatThrownBy(
            () -> h.audit.list(admin, Optional.empty(), TimeRange.all(), 10, Optional.of("bogus")))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  @Test
  void anAuditCursorOfOneTenant_isInvalidCursorForAnother() {
    for (int i = 0; i < 3; i++) {
      record(AuditAction.TRACE_QUERY);
    }
    String cursor =
        h.audit
            .list(admin, Optional.empty(), TimeRange.all(), 1, Optional.empty())
            .nextCursor()
            .orElseThrow();
    Principal otherAdmin = h.principal(h.fx.tenant(), Role.ADMIN);

    assertThatThrownBy(
            () ->
                h.audit.list(otherAdmin, Optional.empty(), TimeRange.all(), 1, Optional.of(cursor)))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    assertThat(
            h.audit
                .list(admin, Optional.empty(), TimeRange.all(), 1, Optional.of(cursor))
                .records())
        .extracting(AuditRecord::sequence)
        .containsExactly(2L);
  }

  @Test
  void verify_walksTheWholeChain() {
    for (int i = 0; i < 3; i++) {
      record(AuditAction.CONFIG_CHANGE);
    }

    var v = h.audit.verify(admin);

    assertThat(v.intact()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(3);
  }
}
