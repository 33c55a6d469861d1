package io.ovpo.app.query;

import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.in.AuditUseCase;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * The caller's tenant's audit trail (spec 07 §5), admin:keys: {@code GET /v1/audit} newest first
 * with signed cursors, and {@code GET /v1/audit/verify}, which walks the hash chain and names the
 * first broken record. Reading the trail is not itself audited.
 */
final class AuditHandler {
  private static final Set<String> LIST_PARAMS = Set.of("action", "from", "to", "limit", "cursor");

  private final Authenticated authenticated;
  private final AuditUseCase audit;
  private final StoreTimer timer;

  @Inject
  AuditHandler(Authenticated authenticated, AuditUseCase audit, StoreTimer timer) {
    this.authenticated = authenticated;
    this.audit = audit;
    this.timer = timer;
  }

  void list(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    QueryParams p = QueryParams.of(ex, LIST_PARAMS);
    Optional<AuditAction> action = p.single("action").map(AuditHandler::action);
    TimeRange range = Ranges.of(p.time("from"), p.time("to"));
    int limit = p.integer("limit", 1, TraceListParams.MAX_LIMIT).orElse(50);
    Optional<String> cursor = p.cursor("cursor");
    AuditPage page = timer.time(() -> audit.list(principal, action, range, limit, cursor));
    Responses.json(ex, 200, ModelWriter.auditPage(page));
  }

  void verify(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_KEYS);
    QueryParams.of(ex, Set.of());
    AuditVerification v = timer.time(() -> audit.verify(principal));
    Responses.json(ex, 200, ModelWriter.auditVerification(v));
  }

  private static AuditAction action(String value) {
    try {
      return AuditAction.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw QueryParams.invalid("parameter 'action' must be an audit action, e.g. TRACE_ACCESS");
    }
  }
}
