package io.ovpo.ports.out;

import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * The processor's seen-set of item keys per tenant, kept until each key's expiry (at least 24 h
 * ahead). Keys are opaque strings built by core. The processor remembers a key only after the
 * item's writes committed, so a crash in between leads to an idempotent re-write, never a loss.
 */
public interface DedupeStore extends HealthCheck {
  /** The subset of {@code keys} remembered for the tenant and not yet expired at {@code now}. */
  Set<String> seen(TenantId tenant, Collection<String> keys, Instant now);

  /** Remembers the keys until {@code expiresAt}; remembering a key again extends it. */
  void remember(TenantId tenant, Collection<String> keys, Instant expiresAt);
}
