package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.ApiKeyAdminUseCase;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.in.LegalHoldUseCase;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.in.TenantAdminUseCase;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TraceStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The admin API (DESIGN.md section 6) and start-up provisioning. Tenants: creating and listing need
 * admin:tenants (super_admin); an admin reads and configures its own tenant, but only a super_admin
 * changes a rate tier. API keys: see {@link ApiKeyAdmin}. Legal hold needs admin:delete. Every
 * change is on the audit trail of the tenant it concerns.
 */
public final class AdminService
    implements TenantAdminUseCase, ApiKeyAdminUseCase, LegalHoldUseCase, BootstrapUseCase {
  private static final int CAS_ATTEMPTS = 16;

  private final TenantStore tenants;
  private final TraceStore traces;
  private final AuditTrail audit;
  private final Clock clock;
  private final ApiKeyAdmin keyAdmin;
  private final Bootstrapper bootstrapper;

  public AdminService(
      TenantStore tenants,
      ApiKeyStore keys,
      TraceStore traces,
      AuditTrail audit,
      SecureRandom random,
      Clock clock) {
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keyAdmin =
        new ApiKeyAdmin(
            Objects.requireNonNull(keys, "keys"),
            tenants,
            audit,
            Objects.requireNonNull(random, "random"),
            clock);
    this.bootstrapper = new Bootstrapper(tenants, keys, audit, keyAdmin);
  }

  @Override
  public Tenant create(
      Principal principal, RequestContext request, TenantId tenantId, Optional<String> name) {
    Access.require(principal, Permission.ADMIN_TENANTS);
    Instant now = keyAdmin.now();
    Tenant tenant;
    try {
      tenant = new Tenant(tenantId, name.orElse(tenantId.value()), TenantConfig.DEFAULT, now);
    } catch (InvalidValueException e) {
      throw new OvpoException(ErrorCode.INVALID_PARAMETER, e.getMessage());
    }
    if (!tenants.create(tenant)) {
      throw new OvpoException(ErrorCode.CONFLICT, "tenant " + tenantId + " already exists");
    }
    configChange(
        principal,
        request,
        tenantId,
        "tenant:" + tenantId.value(),
        Map.of("change", "tenant_created"),
        now);
    return tenant;
  }

  @Override
  public List<Tenant> list(Principal principal) {
    Access.require(principal, Permission.ADMIN_TENANTS);
    return tenants.list();
  }

  @Override
  public Tenant get(Principal principal, TenantId tenantId) {
    Access.requireTenantAdmin(principal, tenantId);
    return tenants.get(tenantId).orElseThrow(AdminService::tenantNotFound);
  }

  @Override
  public Tenant updateConfig(
      Principal principal, RequestContext request, TenantId tenantId, TenantConfig config) {
    Access.requireTenantAdmin(principal, tenantId);
    Tenant current = tenants.get(tenantId).orElseThrow(AdminService::tenantNotFound);
    TenantConfig old = current.config();
    if (!old.rateTier().equals(config.rateTier()) && !principal.can(Permission.ADMIN_TENANTS)) {
      throw new OvpoException(
          ErrorCode.FORBIDDEN, "changing rate_tier needs the permission 'admin:tenants'");
    }
    Tenant updated = new Tenant(tenantId, current.name(), config, current.createdAt());
    if (!tenants.update(updated)) {
      throw tenantNotFound();
    }
    Map<String, String> details = new TreeMap<>();
    details.put("change", "tenant_config");
    diff(details, "rate_tier", old.rateTier(), config.rateTier());
    diff(details, "hardware_profile", old.hardwareProfile(), config.hardwareProfile());
    diff(details, "default_legal_hold", old.defaultLegalHold(), config.defaultLegalHold());
    diff(details, "retention", old.retention(), config.retention());
    configChange(
        principal, request, tenantId, "tenant:" + tenantId.value(), details, keyAdmin.now());
    return updated;
  }

  @Override
  public CreatedApiKey create(Principal principal, RequestContext request, NewApiKey key) {
    return keyAdmin.create(
        principal, request, key.tenantId(), key.role(), key.name(), key.expiresAt());
  }

  @Override
  public List<ApiKeyRecord> list(Principal principal, TenantId tenantId) {
    return keyAdmin.list(principal, tenantId);
  }

  @Override
  public void revoke(Principal principal, RequestContext request, KeyId keyId) {
    keyAdmin.revoke(principal, request, keyId);
  }

  @Override
  public TraceRecord setLegalHold(
      Principal principal, RequestContext request, TraceId traceId, boolean hold) {
    Access.require(principal, Permission.ADMIN_DELETE);
    TenantId tenant = principal.tenantId();
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      TraceRecord r =
          traces
              .get(tenant, traceId)
              .orElseThrow(() -> new OvpoException(ErrorCode.NOT_FOUND, "trace not found"));
      boolean previous = r.trace().legalHold();
      TraceRecord next = r;
      if (previous != hold) {
        next =
            new TraceRecord(
                tenant,
                r.trace().withLegalHold(hold),
                r.status(),
                r.completeness(),
                r.cost(),
                r.firstReceivedAt(),
                clock.instant(),
                r.version() + 1,
                r.retainedFrameStats());
        if (!traces.put(next, r.version())) {
          continue;
        }
      }
      configChange(
          principal,
          request,
          tenant,
          "trace:" + traceId.value(),
          Map.of("change", "legal_hold", "legal_hold", previous + " -> " + hold),
          keyAdmin.now());
      return next;
    }
    throw new StoreUnavailableException("trace-store", "trace kept changing; retry", null);
  }

  @Override
  public Optional<String> ensure(TenantId tenant, Optional<String> apiKey, String rateTier) {
    return bootstrapper.ensure(tenant, apiKey, rateTier);
  }

  private void configChange(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      String resource,
      Map<String, String> details,
      Instant now) {
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.CONFIG_CHANGE,
            Optional.of(resource),
            details,
            now));
  }

  private static void diff(Map<String, String> out, String field, Object old, Object now) {
    if (!old.equals(now)) {
      out.put(field, old + " -> " + now);
    }
  }

  private static OvpoException tenantNotFound() {
    return new OvpoException(ErrorCode.NOT_FOUND, "tenant not found");
  }
}
