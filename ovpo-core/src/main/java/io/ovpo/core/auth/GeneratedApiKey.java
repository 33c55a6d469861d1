package io.ovpo.core.auth;

import java.util.Objects;

/**
 * A freshly generated API key: the plaintext (shown to the caller once, never stored), the public
 * prefix and the SHA-256 of the secret (stored). {@link #toString()} masks the plaintext.
 */
public record GeneratedApiKey(String plaintext, String prefix, String secretSha256) {
  public GeneratedApiKey {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secretSha256, "secretSha256");
  }

  @Override
  public String toString() {
    return "GeneratedApiKey[plaintext="
        + ApiKeys.mask(plaintext)
        + ", prefix="
        + prefix
        + ", secretSha256="
        + secretSha256
        + "]";
  }
}
