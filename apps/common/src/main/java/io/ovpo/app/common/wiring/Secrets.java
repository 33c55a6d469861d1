package io.ovpo.app.common.wiring;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import java.security.SecureRandom;

/**
 * HMAC secrets for cursors and signed links: from configuration, or random per process (then
 * cursors and links die with the process, which start-up says in the log).
 */
public record Secrets(
    byte[] cursor, byte[] signing, boolean cursorGenerated, boolean signingGenerated) {
  public static Secrets from(OvpoConfig config, SecureRandom random) {
    byte[] cursor = config.optional(Setting.CURSOR_SECRET).map(Backends::bytes).orElse(null);
    byte[] signing = config.optional(Setting.SIGNING_SECRET).map(Backends::bytes).orElse(null);
    return new Secrets(
        cursor != null ? cursor : randomBytes(random),
        signing != null ? signing : randomBytes(random),
        cursor == null,
        signing == null);
  }

  private static byte[] randomBytes(SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  @Override
  public String toString() {
    return "Secrets[****]";
  }
}
