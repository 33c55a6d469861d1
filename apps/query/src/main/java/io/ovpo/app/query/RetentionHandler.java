package io.ovpo.app.query;

import io.ovpo.ports.in.RetentionUseCase;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.RequestJson;
import io.undertow.server.HttpServerExchange;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code POST /v1/admin/retention/run} (spec 06 §6.6, 08 §2): runs retention for the caller's
 * tenant now and answers the report. Body empty or {@code {}}; admin:delete.
 */
final class RetentionHandler {
  private final Authenticated authenticated;
  private final RetentionUseCase retention;
  private final StoreTimer timer;

  @Inject
  RetentionHandler(Authenticated authenticated, RetentionUseCase retention, StoreTimer timer) {
    this.authenticated = authenticated;
    this.retention = retention;
    this.timer = timer;
  }

  void run(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.ADMIN_DELETE);
    QueryParams.of(ex, Set.of());
    RequestJson.emptyObject(AdminBodies.read(ex));
    RetentionReport report =
        timer.time(() -> retention.runNow(principal, Authenticated.context(ex)));
    Responses.json(ex, 200, ModelWriter.retentionReport(report));
  }
}
