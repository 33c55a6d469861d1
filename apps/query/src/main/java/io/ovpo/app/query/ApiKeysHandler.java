package io.ovpo.app.query;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.in.ApiKeyAdminUseCase;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TenantId;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.RequestJson;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * API keys (spec 06 §6.4), all needing admin:keys: create (201, the plaintext shown this once, not
 * cached), list without secrets (newest first), revoke (204). Whose keys a caller reaches, and
 * which roles it may grant, is the use case's decision.
 */
final class ApiKeysHandler {
  private static final Set<String> LIST_PARAMS = Set.of("tenant_id");

  private final Authenticated authenticated;
  private final ApiKeyAdminUseCase keys;
  private final StoreTimer timer;

  @Inject
  ApiKeysHandler(Authenticated authenticated, ApiKeyAdminUseCase keys, StoreTimer timer) {
    this.authenticated = authenticated;
    this.keys = keys;
    this.timer = timer;
  }

  void create(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    QueryParams.of(ex, Set.of());
    NewApiKey body = RequestJson.newApiKey(AdminBodies.read(ex));
    CreatedApiKey created =
        timer.time(() -> keys.create(principal, Authenticated.context(ex), body));
    Responses.jsonNoStore(ex, 201, ModelWriter.createdApiKey(created));
  }

  /** {@code GET /v1/admin/tenants/{tenant_id}/api-keys}. */
  void listOfTenant(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    TenantId tenant = PathIds.tenant(QueryParams.of(ex, Set.of()));
    send(ex, principal, tenant);
  }

  /**
   * {@code GET /v1/admin/api-keys?tenant_id=}: the one query string that names a tenant, checked
   * against the caller's reach like the path form; without it, the caller's own tenant.
   */
  void list(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    TenantId tenant =
        QueryParams.of(ex, LIST_PARAMS)
            .single("tenant_id")
            .map(ApiKeysHandler::tenantParam)
            .orElse(principal.tenantId());
    send(ex, principal, tenant);
  }

  void revoke(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    KeyId id = PathIds.key(QueryParams.of(ex, Set.of()));
    timer.run(() -> keys.revoke(principal, Authenticated.context(ex), id));
    Responses.noContent(ex);
  }

  private void send(HttpServerExchange ex, Principal principal, TenantId tenant) {
    List<ApiKeyRecord> list = timer.time(() -> keys.list(principal, tenant));
    Responses.json(ex, 200, ModelWriter.apiKeys(list));
  }

  private static TenantId tenantParam(String value) {
    try {
      return TenantId.of(value);
    } catch (InvalidValueException e) {
      throw QueryParams.invalid("parameter 'tenant_id' must be a tenant id");
    }
  }
}
