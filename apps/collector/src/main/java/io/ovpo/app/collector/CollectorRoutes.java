package io.ovpo.app.collector;

import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;
import javax.inject.Inject;

/**
 * The collector's routes, to add to any {@link RoutingHandler}: the standalone collector and the
 * all-in-one server both call {@link #addTo}. Besides POST, the common methods are routed to the
 * handler too, so that their 405 carries the spec's error body, {@code Allow} and rate-limit
 * headers.
 */
public final class CollectorRoutes {
  /** The one ingest resource. */
  public static final String INGEST_PATH = "/v1/ingest/batch";

  private static final List<HttpString> OTHER_METHODS =
      List.of(
          Methods.GET, Methods.PUT, Methods.DELETE, Methods.PATCH, Methods.HEAD, Methods.OPTIONS);

  private final IngestHandler ingest;

  @Inject
  public CollectorRoutes(IngestHandler ingest) {
    this.ingest = ingest;
  }

  /** Adds the ingest routes and returns {@code routing}. */
  public RoutingHandler addTo(RoutingHandler routing) {
    routing.post(INGEST_PATH, ingest);
    for (HttpString method : OTHER_METHODS) {
      routing.add(method, INGEST_PATH, ingest);
    }
    return routing;
  }
}
