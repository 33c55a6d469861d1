package io.ovpo.core.service;

import io.ovpo.core.auth.ApiKeys;
import io.ovpo.core.auth.GeneratedApiKey;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.TenantStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, listing and revoking API keys. Keys are generated here (the plaintext leaves once, in
 * the {@link CreatedApiKey}); a caller never grants a role above its own, and another tenant's key
 * is answered like a missing one unless the caller is super_admin.
 */
final class ApiKeyAdmin {
  private static final int CREATE_ATTEMPTS = 5;

  private final ApiKeyStore keys;
  private final TenantStore tenants;
  private final AuditTrail audit;
  private final SecureRandom random;
  private final Clock clock;

  ApiKeyAdmin(
      ApiKeyStore keys, TenantStore tenants, AuditTrail audit, SecureRandom random, Clock clock) {
    this.keys = keys;
    this.tenants = tenants;
    this.audit = audit;
    this.random = random;
    this.clock = clock;
  }

  CreatedApiKey create(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      Role role,
      String name,
      Optional<Instant> expiresAt) {
    Access.requireTenantAdmin(principal, tenant);
    if (role.compareTo(principal.role()) > 0) {
      throw new OvpoException(
          ErrorCode.FORBIDDEN,
          "a key may not get a role above the caller's ('" + principal.role().wire() + "')");
    }
    Instant now = now();
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw new OvpoException(ErrorCode.INVALID_PARAMETER, "expires_at must lie in the future");
    }
    if (tenants.get(tenant).isEmpty()) {
      throw new OvpoException(ErrorCode.NOT_FOUND, "tenant not found");
    }
    Generated g = generate(tenant, role, name, expiresAt, now);
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.API_KEY_CREATED,
            resource(g.record().keyId()),
            createdDetails(g.record()),
            now));
    return new CreatedApiKey(g.record(), g.plaintext());
  }

  List<ApiKeyRecord> list(Principal principal, TenantId tenant) {
    Access.requireTenantAdmin(principal, tenant);
    return keys.list(tenant);
  }

  void revoke(Principal principal, RequestContext request, KeyId keyId) {
    Access.require(principal, Permission.ADMIN_KEYS);
    ApiKeyRecord key =
        keys.findById(keyId)
            .filter(
                k -> k.tenantId().equals(principal.tenantId()) || Access.isSuperAdmin(principal))
            .orElseThrow(() -> new OvpoException(ErrorCode.NOT_FOUND, "API key not found"));
    if (key.role().compareTo(principal.role()) > 0) {
      throw new OvpoException(
          ErrorCode.FORBIDDEN, "a key with a role above the caller's cannot be revoked by it");
    }
    Instant now = now();
    if (keys.revoke(keyId, now)) {
      audit.record(
          AuditTrail.event(
              principal,
              request,
              key.tenantId(),
              AuditAction.API_KEY_REVOKED,
              resource(keyId),
              Map.of("role", key.role().wire(), "name", key.name(), "prefix", key.prefix()),
              now));
    }
  }

  /** A new key stored for {@code tenant}, retrying the rare prefix collision. */
  Generated generate(
      TenantId tenant, Role role, String name, Optional<Instant> expiresAt, Instant now) {
    for (int i = 0; i < CREATE_ATTEMPTS; i++) {
      GeneratedApiKey g = ApiKeys.generate(random);
      ApiKeyRecord record =
          new ApiKeyRecord(
              randomKeyId(),
              g.prefix(),
              tenant,
              role,
              name,
              g.secretSha256(),
              now,
              expiresAt,
              Optional.empty(),
              Optional.empty());
      if (keys.create(record)) {
        return new Generated(record, g.plaintext());
      }
    }
    throw new OvpoException(ErrorCode.INTERNAL, "could not store a new API key; retry");
  }

  /** A stored key and its plaintext; toString hides the secret. */
  record Generated(ApiKeyRecord record, String plaintext) {
    @Override
    public String toString() {
      return "Generated[" + record.keyId() + ", " + ApiKeys.mask(plaintext) + "]";
    }
  }

  /** Audit event of a key created by the system itself (bootstrap), not by a caller. */
  static AuditEvent systemKeyCreated(ApiKeyRecord key, Instant now) {
    return new AuditEvent(
        key.tenantId(),
        AuditAction.API_KEY_CREATED,
        "system:bootstrap",
        Optional.empty(),
        Optional.empty(),
        now,
        resource(key.keyId()),
        createdDetails(key));
  }

  /** The audit resource of a key (spec 07 §1). */
  static Optional<String> resource(KeyId keyId) {
    return Optional.of("api_key:" + keyId.value());
  }

  /** role, name and expires_at ({@code never} for a key without one), plus the public prefix. */
  static Map<String, String> createdDetails(ApiKeyRecord key) {
    return Map.of(
        "role",
        key.role().wire(),
        "name",
        key.name(),
        "expires_at",
        key.expiresAt().map(AuditTrail::timestamp).orElse("never"),
        "prefix",
        key.prefix());
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private KeyId randomKeyId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    String h = HexFormat.of().formatHex(b);
    return KeyId.of(
        h.substring(0, 8)
            + "-"
            + h.substring(8, 12)
            + "-"
            + h.substring(12, 16)
            + "-"
            + h.substring(16, 20)
            + "-"
            + h.substring(20));
  }
}
