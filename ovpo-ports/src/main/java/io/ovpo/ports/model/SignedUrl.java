package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.net.URI;
import java.time.Instant;

/** A time-limited download link for an artifact. */
public record SignedUrl(URI url, Instant expiresAt) {
  public SignedUrl {
    Checks.notNull("url", url);
    Checks.notNull("expires_at", expiresAt);
  }
}
