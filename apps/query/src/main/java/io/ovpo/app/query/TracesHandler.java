package io.ovpo.app.query;

import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.QueryTracesUseCase;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.TraceId;
import io.ovpo.wire.ModelWriter;
import io.undertow.server.HttpServerExchange;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code GET /v1/traces} (keyset pages with signed cursors) and {@code GET /v1/traces/{trace_id}}
 * (the trace, its spans, one page of frame events, artifacts and the summary, with a strong ETag).
 * Both need trace:read; the use case audits every successful call, a 304 included.
 */
final class TracesHandler {
  private static final Set<String> DETAIL_PARAMS = Set.of("events_limit", "events_cursor");

  private final Authenticated authenticated;
  private final QueryTracesUseCase traces;
  private final StoreTimer timer;

  @Inject
  TracesHandler(Authenticated authenticated, QueryTracesUseCase traces, StoreTimer timer) {
    this.authenticated = authenticated;
    this.traces = traces;
    this.timer = timer;
  }

  void list(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.TRACE_READ);
    TraceListRequest request = TraceListParams.parse(QueryParams.of(ex, TraceListParams.ALLOWED));
    TraceListResult page =
        timer.time(() -> traces.list(principal, Authenticated.context(ex), request));
    Responses.json(ex, 200, ModelWriter.traceList(page));
  }

  void detail(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.TRACE_READ);
    QueryParams p = QueryParams.of(ex, DETAIL_PARAMS);
    TraceId traceId = PathIds.trace(p);
    EventsRequest events =
        new EventsRequest(
            p.integer("events_limit", 1, EventsRequest.MAX_LIMIT)
                .orElse(EventsRequest.DEFAULT_LIMIT),
            p.cursor("events_cursor"));
    TraceDetail detail =
        timer.time(() -> traces.get(principal, Authenticated.context(ex), traceId, events));
    byte[] body = ModelWriter.toBytes(ModelWriter.traceDetail(detail));
    ETags.sendConditional(ex, body);
  }
}
