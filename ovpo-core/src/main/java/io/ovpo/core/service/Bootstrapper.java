package io.ovpo.core.service;

import io.ovpo.core.auth.ApiKeys;
import io.ovpo.core.auth.ParsedApiKey;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.TenantStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Start-up provisioning (DESIGN.md section 7): the bootstrap tenant with its rate tier and a
 * super_admin key. Misconfiguration (a malformed key, a key whose prefix belongs to another key, a
 * revoked one) is an {@link IllegalStateException} / {@link IllegalArgumentException}: the process
 * should refuse to start rather than run without a usable admin key.
 */
final class Bootstrapper {
  static final String KEY_NAME = "bootstrap";

  private final TenantStore tenants;
  private final ApiKeyStore keys;
  private final AuditTrail audit;
  private final ApiKeyAdmin keyAdmin;

  Bootstrapper(TenantStore tenants, ApiKeyStore keys, AuditTrail audit, ApiKeyAdmin keyAdmin) {
    this.tenants = tenants;
    this.keys = keys;
    this.audit = audit;
    this.keyAdmin = keyAdmin;
  }

  Optional<String> ensure(TenantId tenant, Optional<String> apiKey, String rateTier) {
    Instant now = keyAdmin.now();
    ensureTenant(tenant, rateTier, now);
    if (apiKey.isPresent()) {
      registerGiven(tenant, apiKey.get(), now);
      return Optional.empty();
    }
    boolean hasAdmin =
        keys.list(tenant).stream().anyMatch(k -> k.role() == Role.SUPER_ADMIN && k.activeAt(now));
    if (hasAdmin) {
      return Optional.empty();
    }
    ApiKeyAdmin.Generated g =
        keyAdmin.generate(tenant, Role.SUPER_ADMIN, KEY_NAME, Optional.empty(), now);
    audit.record(ApiKeyAdmin.systemKeyCreated(g.record(), now));
    return Optional.of(g.plaintext());
  }

  private void ensureTenant(TenantId id, String rateTier, Instant now) {
    Optional<Tenant> existing = tenants.get(id);
    if (existing.isEmpty()) {
      TenantConfig d = TenantConfig.DEFAULT;
      TenantConfig config =
          new TenantConfig(rateTier, d.hardwareProfile(), d.defaultLegalHold(), d.retention());
      if (tenants.create(new Tenant(id, id.value(), config, now))) {
        return;
      }
      existing = tenants.get(id); // created concurrently by another instance
    }
    Tenant t = existing.orElseThrow(() -> new IllegalStateException("tenant " + id + " vanished"));
    TenantConfig c = t.config();
    if (!c.rateTier().equals(rateTier)) {
      tenants.update(
          new Tenant(
              id,
              t.name(),
              new TenantConfig(rateTier, c.hardwareProfile(), c.defaultLegalHold(), c.retention()),
              t.createdAt()));
    }
  }

  private void registerGiven(TenantId tenant, String plaintext, Instant now) {
    ParsedApiKey parsed =
        ApiKeys.parse(plaintext)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the bootstrap API key must match " + ApiKeys.FORMAT.pattern()));
    Optional<ApiKeyRecord> existing = keys.findByPrefix(parsed.prefix());
    if (existing.isPresent()) {
      verifyExisting(existing.get(), tenant, parsed, now);
      return;
    }
    ApiKeyRecord record =
        new ApiKeyRecord(
            KeyId.random(),
            parsed.prefix(),
            tenant,
            Role.SUPER_ADMIN,
            KEY_NAME,
            ApiKeys.sha256Hex(parsed.secret()),
            now,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    if (!keys.create(record)) {
      // Another instance registered the same key at the same moment; verify it is ours.
      ApiKeyRecord raced =
          keys.findByPrefix(parsed.prefix())
              .orElseThrow(() -> new IllegalStateException("could not store the bootstrap key"));
      verifyExisting(raced, tenant, parsed, now);
      return;
    }
    audit.record(ApiKeyAdmin.systemKeyCreated(record, now));
  }

  private static void verifyExisting(
      ApiKeyRecord k, TenantId tenant, ParsedApiKey parsed, Instant now) {
    if (!k.tenantId().equals(tenant)
        || k.role() != Role.SUPER_ADMIN
        || !ApiKeys.secretMatches(k, parsed.secret())) {
      throw new IllegalStateException(
          "the bootstrap API key's prefix belongs to another key; choose another key");
    }
    if (!k.activeAt(now)) {
      throw new IllegalStateException("the bootstrap API key was revoked or has expired");
    }
  }
}
