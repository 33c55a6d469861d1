package io.ovpo.wire.bad;

import io.ovpo.app.common.config.OvpoConfig;

/** Breaks the rule on purpose: the wire codec reading app configuration. */
public final class UsesApp {
  public int port(OvpoConfig config) {
    return config.port();
  }
}
