package io.ovpo.app.query;

import io.ovpo.ports.in.LegalHoldUseCase;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.RequestJson;
import io.undertow.server.HttpServerExchange;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code PUT /v1/admin/traces/{trace_id}/legal-hold} {@code {"legal_hold": bool}} (spec 06 §6.5):
 * admin:delete, a trace of the caller's tenant only, audited as CONFIG_CHANGE by the use case.
 */
final class LegalHoldHandler {
  private final Authenticated authenticated;
  private final LegalHoldUseCase legalHold;
  private final StoreTimer timer;

  @Inject
  LegalHoldHandler(Authenticated authenticated, LegalHoldUseCase legalHold, StoreTimer timer) {
    this.authenticated = authenticated;
    this.legalHold = legalHold;
    this.timer = timer;
  }

  void put(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_DELETE);
    TraceId id = PathIds.trace(QueryParams.of(ex, Set.of()));
    boolean hold = RequestJson.legalHold(AdminBodies.read(ex));
    TraceRecord r =
        timer.time(() -> legalHold.setLegalHold(principal, Authenticated.context(ex), id, hold));
    Responses.json(ex, 200, ModelWriter.legalHold(r.traceId(), r.trace().legalHold()));
  }
}
