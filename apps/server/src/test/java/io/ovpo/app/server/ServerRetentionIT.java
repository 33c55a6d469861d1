package io.ovpo.app.server;

import java.util.Map;

/** {@link RetentionScenario} over the in-memory stores (the server's default). */
class ServerRetentionIT extends RetentionScenario {
  @Override
  Map<String, String> storeSettings() {
    return Map.of();
  }
}
