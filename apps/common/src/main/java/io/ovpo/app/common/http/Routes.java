package io.ovpo.app.common.http;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.undertow.server.RoutingHandler;

/** Builds the one {@link RoutingHandler} of an app, answering unknown routes with the JSON body. */
public final class Routes {
  private Routes() {}

  /** Unknown paths answer 404 NOT_FOUND and known paths with another method 405, as JSON. */
  public static RoutingHandler routing() {
    return new RoutingHandler()
        .setFallbackHandler(
            ex -> {
              throw new OvpoException(ErrorCode.NOT_FOUND, "no such route");
            })
        .setInvalidMethodHandler(
            ex -> {
              throw new OvpoException(
                  ErrorCode.METHOD_NOT_ALLOWED,
                  "this route does not accept " + ex.getRequestMethod());
            });
  }
}
