package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * An ephemeral artifact (spec 08 §3: it has {@code ttl_hours}, or its object lives in OVPO-managed
 * {@code ovpo://} storage) with the time its manifest was received, from which it expires.
 */
public record EphemeralArtifact(TraceId traceId, ArtifactRef ref, Instant receivedAt) {
  public EphemeralArtifact {
    Checks.notNull("trace_id", traceId);
    Checks.notNull("ref", ref);
    Checks.notNull("received_at", receivedAt);
    Checks.check(isEphemeral(ref), "ref", "is not ephemeral (no ttl_hours, not ovpo://)");
  }

  /** Whether retention expires {@code ref} on its own, before its trace (spec 08 §3 rule 1). */
  public static boolean isEphemeral(ArtifactRef ref) {
    return ref.ttlHours().isPresent() || ref.uri().startsWith("ovpo://");
  }

  public ArtifactKey key() {
    return new ArtifactKey(traceId, ref.artifactId());
  }

  /** When it expires: {@code ttl_hours} after it was received, else {@code defaultLifetime}. */
  public Instant expiresAt(Duration defaultLifetime) {
    return receivedAt.plus(
        ref.ttlHours().isPresent() ? Duration.ofHours(ref.ttlHours().getAsInt()) : defaultLifetime);
  }
}
