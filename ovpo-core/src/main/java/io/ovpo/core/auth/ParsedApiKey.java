package io.ovpo.core.auth;

import java.util.Objects;

/**
 * An API key split into its public prefix and its secret. {@link #toString()} hides the secret so
 * the key never lands in a log by accident.
 */
public record ParsedApiKey(String prefix, String secret) {
  public ParsedApiKey {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "ParsedApiKey[prefix=" + prefix + ", secret=****]";
  }
}
