package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.core.auth.ApiKeys;
import io.ovpo.core.auth.GeneratedApiKey;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class AuthServiceTest {
  private Harness h;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
  }

  @AfterEach
  void close() {
    h.close();
  }

  private GeneratedApiKey store(Role role, Optional<Instant> expiresAt) {
    GeneratedApiKey g = ApiKeys.generate(new SecureRandom());
    h.memory
        .apiKeyStore()
        .create(
            new ApiKeyRecord(
                KeyId.random(),
                g.prefix(),
                h.tenant,
                role,
                "k",
                g.secretSha256(),
                h.clock.instant(),
                expiresAt,
                Optional.empty(),
                Optional.empty()));
    return g;
  }

  private void assertUnauthenticated(Optional<String> header) {
    assertThatThrownBy(() -> h.auth.authenticate(header))
        .isInstanceOfSatisfying(
            OvpoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
              assertThat(e.getMessage()).isEqualTo("missing or invalid API key");
            });
  }

  @Test
  void aValidKey_yieldsItsTenantAndRole_withTheActorIdKeyColonKeyId() {
    GeneratedApiKey g = store(Role.VIEWER, Optional.empty());
    KeyId keyId = h.memory.apiKeyStore().findByPrefix(g.prefix()).orElseThrow().keyId();

    Principal p = h.auth.authenticate(Optional.of("bearer " + g.plaintext()));

    assertThat(p.tenantId()).isEqualTo(h.tenant);
    assertThat(p.role()).isEqualTo(Role.VIEWER);
    assertThat(p.keyId()).isEqualTo(keyId);
    // spec 07 §2: key:<key_id>, never the prefix or anything of the secret
    assertThat(p.actorId()).isEqualTo("key:" + keyId.value());
    assertThat(p.actorId()).doesNotContain(g.prefix());
  }

  @Test
  void missingMalformedUnknownWrongRevokedAndExpiredKeys_areRefusedAlike() {
    GeneratedApiKey good = store(Role.ADMIN, Optional.of(h.clock.instant().plusSeconds(60)));
    GeneratedApiKey revoked = store(Role.ADMIN, Optional.empty());
    ApiKeyRecord r = h.memory.apiKeyStore().findByPrefix(revoked.prefix()).orElseThrow();
    h.memory.apiKeyStore().revoke(r.keyId(), h.clock.instant());
    String wrongSecret = "ovpo_" + good.prefix() + "_" + "Z".repeat(48);
    String unknown = ApiKeys.generate(new SecureRandom()).plaintext();

    for (Optional<String> header :
        List.of(
            Optional.<String>empty(),
            Optional.of("Basic abc"),
            Optional.of("Bearer ovpo_short"),
            Optional.of("Bearer " + unknown),
            Optional.of("Bearer " + wrongSecret),
            Optional.of("Bearer " + revoked.plaintext()))) {
      assertUnauthenticated(header);
    }
    h.clock.advance(Duration.ofSeconds(60));
    assertUnauthenticated(Optional.of("Bearer " + good.plaintext()));
    assertThat(h.metrics.count("auth_failures_total")).isEqualTo(7);
  }

  @Test
  void everyRefusal_countsOneOfTheSpecsReasons_andAWrongSecretCountsAsUnknown() {
    GeneratedApiKey good = store(Role.ADMIN, Optional.of(h.clock.instant().plusSeconds(60)));
    GeneratedApiKey revoked = store(Role.ADMIN, Optional.empty());
    ApiKeyRecord r = h.memory.apiKeyStore().findByPrefix(revoked.prefix()).orElseThrow();
    h.memory.apiKeyStore().revoke(r.keyId(), h.clock.instant());
    String wrongSecret = "ovpo_" + good.prefix() + "_" + "Z".repeat(48);
    String unknown = ApiKeys.generate(new SecureRandom()).plaintext();

    assertUnauthenticated(Optional.empty());
    assertUnauthenticated(Optional.of("Bearer ovpo_short"));
    assertUnauthenticated(Optional.of("Bearer " + unknown));
    assertUnauthenticated(Optional.of("Bearer " + wrongSecret));
    assertUnauthenticated(Optional.of("Bearer " + revoked.plaintext()));
    h.clock.advance(Duration.ofSeconds(60));
    assertUnauthenticated(Optional.of("Bearer " + good.plaintext()));

    // spec 05 §9.3: reason is one of missing, malformed, unknown, revoked, expired.
    assertThat(h.metrics.count("auth_failures_total", "reason", "missing")).isEqualTo(1);
    assertThat(h.metrics.count("auth_failures_total", "reason", "malformed")).isEqualTo(1);
    assertThat(h.metrics.count("auth_failures_total", "reason", "unknown")).isEqualTo(2);
    assertThat(h.metrics.count("auth_failures_total", "reason", "revoked")).isEqualTo(1);
    assertThat(h.metrics.count("auth_failures_total", "reason", "expired")).isEqualTo(1);
    long bySpecReason =
        List.of("missing", "malformed", "unknown", "revoked", "expired").stream()
            .mapToLong(reason -> h.metrics.count("auth_failures_total", "reason", reason))
            .sum();
    assertThat(bySpecReason).isEqualTo(h.metrics.count("auth_failures_total"));
  }

  @Test
  void lastUsedAt_isTouchedAtMostOnceAMinute() {
    GeneratedApiKey g = store(Role.DEVELOPER, Optional.empty());
    Optional<String> header = Optional.of("Bearer " + g.plaintext());
    Instant start = h.clock.instant();

    h.auth.authenticate(header);
    h.clock.advance(Duration.ofSeconds(30));
    h.auth.authenticate(header);
    Optional<Instant> afterBurst =
        h.memory.apiKeyStore().findByPrefix(g.prefix()).orElseThrow().lastUsedAt();
    h.clock.advance(Duration.ofSeconds(31));
    h.auth.authenticate(header);

    assertThat(afterBurst).contains(start);
    assertThat(h.memory.apiKeyStore().findByPrefix(g.prefix()).orElseThrow().lastUsedAt())
        .contains(start.plusSeconds(61));
  }

  @Test
  void authorize_followsTheRoleLadder() {
    h.auth.authorize(h.principal(Role.VIEWER), Permission.TRACE_READ);
    h.auth.authorize(h.principal(Role.DEVELOPER), Permission.TRACE_WRITE);
    h.auth.authorize(h.principal(Role.SUPER_ADMIN), Permission.ADMIN_TENANTS);

    assertThatThrownBy(() -> h.auth.authorize(h.principal(Role.VIEWER), Permission.TRACE_WRITE))
        .isInstanceOfSatisfying(
            OvpoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.getMessage()).contains("trace:write");
            });
    assertThatThrownBy(() -> h.auth.authorize(h.principal(Role.ADMIN), Permission.ADMIN_TENANTS))
        .isInstanceOf(OvpoException.class);
  }
}
