package io.ovpo.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.core.auth.ApiKeys;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.TenantId;
import io.ovpo.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private final Fixtures fx = Fixtures.forTest("AuditChainTest");
  private final TenantId tenant = TenantId.of("acme");

  private List<AuditRecord> chain(int n) {
    List<AuditRecord> out = new ArrayList<>();
    Optional<AuditRecord> head = Optional.empty();
    for (int i = 0; i < n; i++) {
      AuditRecord r =
          AuditChain.link(
              head, fx.auditEvent(tenant, AuditAction.TRACE_ACCESS, Fixtures.T0.plusSeconds(i)));
      out.add(r);
      head = Optional.of(r);
    }
    return out;
  }

  @Test
  void canonicalJson_sortsKeys_omitsAbsentFields_andEscapes() {
    AuditEvent e =
        new AuditEvent(
            tenant,
            AuditAction.TRACE_QUERY,
            "key:abcd1234",
            Optional.empty(),
            Optional.of("curl/8 \"x\"\n"),
            Fixtures.T0,
            Optional.empty(),
            Map.of("status", "FAILED", "limit", "50"));

    assertThat(AuditChain.canonicalJson(e, 7, AuditRecord.GENESIS_HASH))
        .isEqualTo(
            "{\"action\":\"TRACE_QUERY\",\"actor_id\":\"key:abcd1234\","
                + "\"details\":{\"limit\":\"50\",\"status\":\"FAILED\"},"
                + "\"previous_hash\":\""
                + "0".repeat(64)
                + "\","
                + "\"sequence\":7,\"tenant_id\":\"acme\","
                + "\"timestamp\":\"2026-03-02T10:00:00.000Z\","
                + "\"user_agent\":\"curl/8 \\\"x\\\"\\n\"}");
  }

  @Test
  void link_startsAtGenesis_andChainsHashes() {
    List<AuditRecord> c = chain(3);
    assertThat(c.get(0).sequence()).isEqualTo(1);
    assertThat(c.get(0).previousHash()).isEqualTo(AuditRecord.GENESIS_HASH);
    assertThat(c.get(1).sequence()).isEqualTo(2);
    assertThat(c.get(1).previousHash()).isEqualTo(c.get(0).recordHash());
    assertThat(c.get(2).recordHash())
        .isEqualTo(
            ApiKeys.sha256Hex(
                AuditChain.canonicalJson(c.get(2).event(), 3, c.get(1).recordHash())));
  }

  @Test
  void link_refusesAHeadOfAnotherTenant() {
    AuditRecord head = chain(1).get(0);
    AuditEvent other = fx.auditEvent(TenantId.of("other"), AuditAction.TRACE_ACCESS, Fixtures.T0);
    assertThatThrownBy(() -> AuditChain.link(Optional.of(head), other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void intactChain_verifies() {
    AuditVerification v = AuditChain.verify(chain(5));
    assertThat(v.intact()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(5);
    assertThat(v.firstBrokenSequence()).isEmpty();
    assertThat(AuditChain.verify(List.of()).intact()).isTrue();
  }

  @Test
  void auditChain_detectsAlteredRecord() {
    List<AuditRecord> c = chain(5);
    AuditRecord original = c.get(2);
    AuditEvent e = original.event();
    AuditEvent altered =
        new AuditEvent(
            e.tenantId(),
            e.action(),
            "someone-else",
            e.actorIp(),
            e.userAgent(),
            e.timestamp(),
            e.resourceId(),
            e.details());
    c.set(2, new AuditRecord(altered, 3, original.previousHash(), original.recordHash()));

    AuditVerification v = AuditChain.verify(c);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBrokenSequence()).isEqualTo(OptionalLong.of(3));
    assertThat(v.detail()).contains("record_hash");
  }

  @Test
  void auditChain_detectsAlteredRecordWithRecomputedHash_atTheNextLink() {
    List<AuditRecord> c = chain(5);
    AuditRecord original = c.get(2);
    AuditEvent e = original.event();
    AuditEvent altered =
        new AuditEvent(
            e.tenantId(),
            AuditAction.TRACE_DELETE,
            e.actorId(),
            e.actorIp(),
            e.userAgent(),
            e.timestamp(),
            e.resourceId(),
            e.details());
    c.set(
        2,
        new AuditRecord(
            altered,
            3,
            original.previousHash(),
            AuditChain.recordHash(altered, 3, original.previousHash())));

    AuditVerification v = AuditChain.verify(c);
    assertThat(v.firstBrokenSequence()).isEqualTo(OptionalLong.of(4));
    assertThat(v.detail()).contains("previous_hash");
  }

  @Test
  void auditChain_detectsRemovedRecord() {
    List<AuditRecord> c = chain(5);
    c.remove(2);
    AuditVerification v = AuditChain.verify(c);
    assertThat(v.firstBrokenSequence()).isEqualTo(OptionalLong.of(4));
    assertThat(v.detail()).contains("expected sequence 3");
    assertThat(v.recordsChecked()).isEqualTo(3);
  }

  @Test
  void auditChain_mustStartAtSequenceOne() {
    List<AuditRecord> c = chain(3);
    AuditVerification v = AuditChain.verify(c.subList(1, 3));
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBrokenSequence()).isEqualTo(OptionalLong.of(2));
  }

  @Test
  void retainedChain_isAnchoredAtItsOldestRecord_andStillDetectsLaterBreaks() {
    List<AuditRecord> c = chain(5);
    AuditVerification v = AuditChain.verifyRetained(c.subList(2, 5));
    assertThat(v.intact()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(3);
    List<AuditRecord> gap = new java.util.ArrayList<>(c.subList(1, 5));
    gap.remove(2);
    AuditVerification broken = AuditChain.verifyRetained(gap);
    assertThat(broken.intact()).isFalse();
    assertThat(broken.firstBrokenSequence()).isEqualTo(OptionalLong.of(5));
  }
}
