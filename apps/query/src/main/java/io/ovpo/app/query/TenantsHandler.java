package io.ovpo.app.query;

import io.ovpo.ports.in.TenantAdminUseCase;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.NewTenant;
import io.ovpo.wire.RequestJson;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * Tenants (spec 06 §6.2-6.3): creating and listing need admin:tenants; reading and configuring a
 * tenant need admin:keys, and the use case lets an admin reach only its own tenant.
 */
final class TenantsHandler {
  private final Authenticated authenticated;
  private final TenantAdminUseCase tenants;
  private final StoreTimer timer;

  @Inject
  TenantsHandler(Authenticated authenticated, TenantAdminUseCase tenants, StoreTimer timer) {
    this.authenticated = authenticated;
    this.tenants = tenants;
    this.timer = timer;
  }

  void create(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_TENANTS);
    QueryParams.of(ex, Set.of());
    NewTenant body = RequestJson.newTenant(AdminBodies.read(ex));
    Tenant created =
        timer.time(
            () ->
                tenants.create(principal, Authenticated.context(ex), body.tenantId(), body.name()));
    Responses.json(ex, 201, ModelWriter.tenant(created));
  }

  void list(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_TENANTS);
    QueryParams.of(ex, Set.of());
    List<Tenant> all = timer.time(() -> tenants.list(principal));
    Responses.json(ex, 200, ModelWriter.tenants(all));
  }

  void get(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    TenantId id = PathIds.tenant(QueryParams.of(ex, Set.of()));
    Tenant tenant = timer.time(() -> tenants.get(principal, id));
    Responses.json(ex, 200, ModelWriter.tenant(tenant));
  }

  void updateConfig(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    TenantId id = PathIds.tenant(QueryParams.of(ex, Set.of()));
    TenantConfig config = RequestJson.tenantConfig(AdminBodies.read(ex));
    Tenant updated =
        timer.time(() -> tenants.updateConfig(principal, Authenticated.context(ex), id, config));
    Responses.json(ex, 200, ModelWriter.tenant(updated));
  }
}
