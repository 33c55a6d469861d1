package io.ovpo.wire.bad;

import io.undertow.server.HttpHandler;

/** Breaks the rule on purpose: HTTP framework code outside the apps. */
public final class UsesUndertow {
  public HttpHandler handler() {
    return ex -> ex.setStatusCode(204);
  }
}
