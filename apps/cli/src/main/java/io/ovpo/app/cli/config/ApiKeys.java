package io.ovpo.app.cli.config;

import java.util.regex.Pattern;

/**
 * The API key format (spec 06, {@code ovpo_<public prefix>_<secret>}) and the only way ovpo ever
 * shows a key: its public prefix, with the secret masked.
 */
public final class ApiKeys {
  private static final Pattern FORMAT =
      Pattern.compile("^ovpo_([a-z0-9]{8,16})_[A-Za-z0-9]{32,64}$");

  private ApiKeys() {}

  /** True when the text has the API key format. */
  public static boolean isWellFormed(String key) {
    return FORMAT.matcher(key).matches();
  }

  /**
   * The key with its secret masked ({@code ovpo_abcd1234_****}); the prefix is public (it is listed
   * by {@code GET /v1/admin/api-keys}). A malformed key is masked whole.
   */
  public static String masked(String key) {
    var m = FORMAT.matcher(key);
    return m.matches() ? "ovpo_" + m.group(1) + "_****" : "****";
  }
}
