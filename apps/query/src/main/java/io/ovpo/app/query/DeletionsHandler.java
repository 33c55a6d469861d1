package io.ovpo.app.query;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.in.UserDeletionUseCase;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * User deletion (spec 06 §6.6, 08 §5): {@code DELETE
 * /v1/admin/tenants/{tenant_id}/users/{user_id_hash}} answers 202 {@code {deletion_id,
 * trace_count}} once the RUNNING tombstone is saved (the data is deleted in the background), and
 * {@code GET /v1/admin/deletions/{deletion_id}} the tombstone. Both need admin:delete under the
 * target-tenant rule; audited by the use case.
 */
final class DeletionsHandler {
  private static final Set<String> DELETE_PARAMS = Set.of("reason");

  private final Authenticated authenticated;
  private final UserDeletionUseCase deletions;
  private final StoreTimer timer;

  @Inject
  DeletionsHandler(Authenticated authenticated, UserDeletionUseCase deletions, StoreTimer timer) {
    this.authenticated = authenticated;
    this.deletions = deletions;
    this.timer = timer;
  }

  void deleteUser(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_DELETE);
    QueryParams p = QueryParams.of(ex, DELETE_PARAMS);
    TenantId tenant = PathIds.tenant(p);
    String user = p.path("user_id_hash");
    Optional<String> reason = p.single("reason");
    Tombstone t =
        timer.time(
            () ->
                deletions.requestDeletion(
                    principal, Authenticated.context(ex), tenant, user, reason));
    Responses.json(ex, 202, ModelWriter.deletion(t));
  }

  void get(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_DELETE);
    QueryParams p = QueryParams.of(ex, Set.of());
    DeletionId id;
    try {
      id = DeletionId.of(p.path("deletion_id"));
    } catch (InvalidValueException e) {
      throw QueryParams.invalid("path parameter 'deletion_id' must be a lower-case UUID v4");
    }
    Tombstone t = timer.time(() -> deletions.deletion(principal, id));
    Responses.json(ex, 200, ModelWriter.tombstone(t));
  }
}
