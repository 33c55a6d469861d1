package io.ovpo.app.cli;

import java.util.regex.Pattern;

/** Local checks of ids before they go into a URL path, so a typo is a usage error, not a 400. */
final class Ids {
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9_-]{2,62}$");
  private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");

  private Ids() {}

  /** A lower-case UUID v4 (trace, key, deletion ids). */
  static String uuid(String value, String what) {
    if (!UUID.matcher(value).matches()) {
      throw CliException.usage(what + " must be a lower-case UUID v4, got '" + value + "'");
    }
    return value;
  }

  /** A tenant id. */
  static String tenant(String value) {
    if (!TENANT.matcher(value).matches()) {
      throw CliException.usage(
          "tenant id must match ^[a-z0-9][a-z0-9_-]{2,62}$, got '" + value + "'");
    }
    return value;
  }

  /** A user_id_hash: 64 lower-case hex characters. */
  static String hash(String value, String what) {
    if (!HASH.matcher(value).matches()) {
      throw CliException.usage(what + " must be 64 lower-case hex characters");
    }
    return value;
  }
}
