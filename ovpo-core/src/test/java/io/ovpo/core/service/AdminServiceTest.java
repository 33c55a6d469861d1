package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class AdminServiceTest {
  private Harness h;
  private Principal superAdmin;
  private Principal admin;
  private TenantId other;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    superAdmin = h.principal(Role.SUPER_ADMIN);
    admin = h.principal(Role.ADMIN);
    other = h.fx.tenant();
    h.memory.tenantStore().create(h.fx.tenantRecord(other));
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static void assertRefused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OvpoException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private List<AuditRecord> audit(TenantId tenant, AuditAction action) {
    return h.memory
        .auditLog()
        .list(
            new AuditQuery(
                tenant,
                Optional.of(action),
                io.ovpo.ports.model.TimeRange.all(),
                OptionalLong.empty(),
                200));
  }

  private NewApiKey key(TenantId tenant, Role role) {
    return new NewApiKey(tenant, role, "ci", Optional.empty());
  }

  @Test
  void creatingATenant_needsSuperAdmin_andAnExistingIdIsConflict() {
    TenantId fresh = h.fx.tenant();
    assertRefused(
        ErrorCode.FORBIDDEN,
        () -> h.admin.create(admin, Harness.request(), fresh, Optional.empty()));

    Tenant created =
        h.admin.create(superAdmin, Harness.request(), fresh, Optional.of("Video team"));

    assertThat(created.name()).isEqualTo("Video team");
    assertThat(h.admin.get(superAdmin, fresh)).isEqualTo(created);
    assertRefused(
        ErrorCode.CONFLICT,
        () -> h.admin.create(superAdmin, Harness.request(), fresh, Optional.empty()));
    assertThat(audit(fresh, AuditAction.CONFIG_CHANGE))
        .singleElement()
        .satisfies(a -> assertThat(a.event().resourceId()).contains("tenant:" + fresh.value()));
  }

  @Test
  void anAdmin_readsAndConfiguresOnlyItsOwnTenant() {
    assertThat(h.admin.get(admin, h.tenant).tenantId()).isEqualTo(h.tenant);
    assertRefused(ErrorCode.NOT_FOUND, () -> h.admin.get(admin, other));
    assertRefused(ErrorCode.FORBIDDEN, () -> h.admin.get(h.principal(Role.DEVELOPER), h.tenant));
    assertRefused(ErrorCode.FORBIDDEN, () -> h.admin.list(admin));
    assertThat(h.admin.get(superAdmin, other).tenantId()).isEqualTo(other);
    assertRefused(ErrorCode.NOT_FOUND, () -> h.admin.get(superAdmin, h.fx.tenant()));
  }

  @Test
  void anAdmin_mayChangeItsConfig_butNotItsRateTier_andChangesAreAudited() {
    TenantConfig d = TenantConfig.DEFAULT;
    TenantConfig heldByDefault = new TenantConfig(d.rateTier(), "a100-fleet", true, d.retention());
    TenantConfig unlimited =
        new TenantConfig("unlimited", d.hardwareProfile(), false, d.retention());

    Tenant updated = h.admin.updateConfig(admin, Harness.request(), h.tenant, heldByDefault);
    assertRefused(
        ErrorCode.FORBIDDEN,
        () -> h.admin.updateConfig(admin, Harness.request(), h.tenant, unlimited));
    h.admin.updateConfig(superAdmin, Harness.request(), h.tenant, unlimited);

    assertThat(updated.config()).isEqualTo(heldByDefault);
    assertThat(h.memory.tenantStore().get(h.tenant).orElseThrow().config()).isEqualTo(unlimited);
    List<AuditRecord> changes = audit(h.tenant, AuditAction.CONFIG_CHANGE);
    assertThat(changes).hasSize(2);
    assertThat(changes)
        .allSatisfy(c -> assertThat(c.event().resourceId()).contains("tenant:" + h.tenant.value()));
    assertThat(changes.get(1).event().details())
        .containsEntry("hardware_profile", "default -> a100-fleet")
        .containsEntry("default_legal_hold", "false -> true");
  }

  @Test
  void createdKey_authenticates_isShownOnce_andIsAudited() {
    CreatedApiKey created = h.admin.create(admin, Harness.request(), key(h.tenant, Role.DEVELOPER));

    Principal p = h.auth.authenticate(Optional.of("Bearer " + created.apiKey()));

    assertThat(p.tenantId()).isEqualTo(h.tenant);
    assertThat(p.role()).isEqualTo(Role.DEVELOPER);
    assertThat(created.record().toString()).doesNotContain(created.apiKey());
    assertThat(created.toString()).doesNotContain(created.apiKey().substring(20));
    assertThat(
            h.memory.apiKeyStore().findById(created.record().keyId()).orElseThrow().secretSha256())
        .isEqualTo(created.record().secretSha256())
        .doesNotContain(created.apiKey().substring(18));
    List<AuditRecord> audited = audit(h.tenant, AuditAction.API_KEY_CREATED);
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).event().actorId()).isEqualTo(admin.actorId());
    assertThat(audited.get(0).event().resourceId())
        .contains("api_key:" + created.record().keyId().value());
    assertThat(audited.get(0).event().details())
        .containsEntry("role", "developer")
        .containsEntry("name", "ci")
        .containsEntry("expires_at", "never");
  }

  @Test
  void aKeyWithAnExpiry_isAuditedWithItsExpiresAt() {
    CreatedApiKey created =
        h.admin.create(
            admin,
            Harness.request(),
            new NewApiKey(
                h.tenant, Role.VIEWER, "nightly", Optional.of(Harness.NOW.plusSeconds(3600))));

    assertThat(audit(h.tenant, AuditAction.API_KEY_CREATED))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.event().details())
                    .containsEntry("expires_at", "2026-03-02T11:02:00.000Z")
                    .containsEntry("name", "nightly"));
    assertThat(created.record().expiresAt()).contains(Harness.NOW.plusSeconds(3600));
  }

  @Test
  void aRevokedKey_isAuditedOnItsResource_withRoleAndName() {
    CreatedApiKey created = h.admin.create(admin, Harness.request(), key(h.tenant, Role.VIEWER));

    h.admin.revoke(admin, Harness.request(), created.record().keyId());

    assertThat(audit(h.tenant, AuditAction.API_KEY_REVOKED))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.event().actorId()).isEqualTo(admin.actorId());
              assertThat(a.event().resourceId())
                  .contains("api_key:" + created.record().keyId().value());
              assertThat(a.event().details())
                  .containsEntry("role", "viewer")
                  .containsEntry("name", "ci");
            });
  }

  @Test
  void nobodyGrantsARoleAboveItsOwn_andAnAdminStaysInItsTenant() {
    assertRefused(
        ErrorCode.FORBIDDEN,
        () -> h.admin.create(admin, Harness.request(), key(h.tenant, Role.SUPER_ADMIN)));
    assertRefused(
        ErrorCode.NOT_FOUND,
        () -> h.admin.create(admin, Harness.request(), key(other, Role.VIEWER)));
    assertRefused(
        ErrorCode.FORBIDDEN,
        () ->
            h.admin.create(
                h.principal(Role.DEVELOPER), Harness.request(), key(h.tenant, Role.VIEWER)));
    assertRefused(ErrorCode.NOT_FOUND, () -> h.admin.list(admin, other));

    CreatedApiKey forOther = h.admin.create(superAdmin, Harness.request(), key(other, Role.ADMIN));

    assertThat(forOther.record().tenantId()).isEqualTo(other);
    assertThat(h.admin.list(superAdmin, other)).containsExactly(forOther.record());
    assertRefused(
        ErrorCode.NOT_FOUND,
        () -> h.admin.create(superAdmin, Harness.request(), key(h.fx.tenant(), Role.VIEWER)));
  }

  @Test
  void aKeyExpiringInThePast_isRefused() {
    NewApiKey expired =
        new NewApiKey(h.tenant, Role.VIEWER, "old", Optional.of(h.clock.instant().minusSeconds(1)));

    assertRefused(
        ErrorCode.INVALID_PARAMETER, () -> h.admin.create(admin, Harness.request(), expired));
  }

  @Test
  void revokingAnotherTenantsKey_isNotFound_unlessSuperAdmin() {
    CreatedApiKey theirs = h.admin.create(superAdmin, Harness.request(), key(other, Role.VIEWER));
    CreatedApiKey mine = h.admin.create(admin, Harness.request(), key(h.tenant, Role.VIEWER));

    assertRefused(
        ErrorCode.NOT_FOUND,
        () -> h.admin.revoke(admin, Harness.request(), theirs.record().keyId()));
    assertRefused(
        ErrorCode.NOT_FOUND, () -> h.admin.revoke(admin, Harness.request(), h.fx.keyId()));
    h.admin.revoke(admin, Harness.request(), mine.record().keyId());
    h.admin.revoke(superAdmin, Harness.request(), theirs.record().keyId());

    assertRefused(
        ErrorCode.UNAUTHENTICATED,
        () -> h.auth.authenticate(Optional.of("Bearer " + mine.apiKey())));
    assertRefused(
        ErrorCode.UNAUTHENTICATED,
        () -> h.auth.authenticate(Optional.of("Bearer " + theirs.apiKey())));
    assertThat(audit(h.tenant, AuditAction.API_KEY_REVOKED)).hasSize(1);
    assertThat(audit(other, AuditAction.API_KEY_REVOKED)).hasSize(1);
  }

  @Test
  void anAdmin_cannotRevokeAKeyAboveItsRole() {
    CreatedApiKey top =
        h.admin.create(superAdmin, Harness.request(), key(h.tenant, Role.SUPER_ADMIN));

    assertRefused(
        ErrorCode.FORBIDDEN, () -> h.admin.revoke(admin, Harness.request(), top.record().keyId()));
  }

  @Test
  void legalHold_needsAdminDelete_updatesTheRecord_andIsAudited() {
    TraceRecord r = h.fx.record(h.tenant).build();
    h.memory.traceStore().put(r, 0);
    TraceRecord theirs = h.fx.record(other).build();
    h.memory.traceStore().put(theirs, 0);

    assertRefused(
        ErrorCode.FORBIDDEN,
        () ->
            h.admin.setLegalHold(
                h.principal(Role.DEVELOPER), Harness.request(), r.traceId(), true));
    assertRefused(
        ErrorCode.NOT_FOUND,
        () -> h.admin.setLegalHold(admin, Harness.request(), theirs.traceId(), true));
    TraceRecord held = h.admin.setLegalHold(admin, Harness.request(), r.traceId(), true);

    assertThat(held.trace().legalHold()).isTrue();
    assertThat(held.version()).isEqualTo(r.version() + 1);
    assertThat(h.memory.traceStore().get(h.tenant, r.traceId())).contains(held);
    assertThat(h.memory.traceStore().get(other, theirs.traceId())).contains(theirs);
    assertThat(audit(h.tenant, AuditAction.CONFIG_CHANGE))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.event().resourceId()).contains("trace:" + r.traceId().value());
              assertThat(a.event().details()).containsEntry("legal_hold", "false -> true");
            });
  }

  @Test
  void bootstrap_generatesASuperAdminKeyOnce_andSetsTheTier() {
    TenantId boot = TenantId.of("default");

    Optional<String> first = h.admin.ensure(boot, Optional.empty(), "unlimited");
    Optional<String> second = h.admin.ensure(boot, Optional.empty(), "unlimited");

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    Principal p = h.auth.authenticate(Optional.of("Bearer " + first.get()));
    assertThat(p.role()).isEqualTo(Role.SUPER_ADMIN);
    assertThat(p.tenantId()).isEqualTo(boot);
    assertThat(h.memory.tenantStore().get(boot).orElseThrow().config().rateTier())
        .isEqualTo("unlimited");
    assertThat(audit(boot, AuditAction.API_KEY_CREATED))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.event().actorId()).isEqualTo("system:bootstrap");
              assertThat(a.event().resourceId()).contains("api_key:" + p.keyId().value());
              assertThat(a.event().details())
                  .containsKeys("role", "name")
                  .containsEntry("expires_at", "never");
            });
  }

  @Test
  void bootstrap_registersAGivenKey_idempotently_andRefusesAForeignOne() {
    String given = "ovpo_bootstrap01_" + "A".repeat(40);

    assertThat(h.admin.ensure(h.tenant, Optional.of(given), "default")).isEmpty();
    assertThat(h.admin.ensure(h.tenant, Optional.of(given), "default")).isEmpty();

    assertThat(h.auth.authenticate(Optional.of("Bearer " + given)).role())
        .isEqualTo(Role.SUPER_ADMIN);
    assertThat(h.memory.apiKeyStore().list(h.tenant)).hasSize(1);
    String samePrefixOtherSecret = "ovpo_bootstrap01_" + "B".repeat(40);
    assertThatThrownBy(
            () -> h.admin.ensure(h.tenant, Optional.of(samePrefixOtherSecret), "default"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.admin.ensure(h.tenant, Optional.of("not-a-key"), "default"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bootstrap_afterTheGeneratedKeyIsRevoked_generatesANewOne() {
    TenantId boot = h.fx.tenant();
    h.admin.ensure(boot, Optional.empty(), "default");
    var key = h.memory.apiKeyStore().list(boot).get(0);
    h.memory.apiKeyStore().revoke(key.keyId(), Fixtures.T0);
    h.clock.advance(Duration.ofMinutes(1));

    assertThat(h.admin.ensure(boot, Optional.empty(), "default")).isPresent();
  }
}
