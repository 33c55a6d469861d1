package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A stored artifact (video, thumbnail, frame, latent, log) by reference. The bytes live in object
 * storage under {@code uri}; OVPO hands out signed URLs for them.
 *
 * @param uri {@code s3://...} or {@code ovpo://...}
 * @param ttlHours hours after which an ephemeral artifact may be deleted, 1 to 87600
 */
public record ArtifactRef(
    ArtifactId artifactId,
    ArtifactKind kind,
    String uri,
    String contentType,
    long sizeBytes,
    Optional<String> sha256,
    OptionalInt ttlHours) {
  public static final Pattern URI = Pattern.compile("^(s3|ovpo)://\\S{1,2040}$");
  public static final Pattern CONTENT_TYPE =
      Pattern.compile("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;.*)?$");

  public ArtifactRef {
    Checks.notNull("artifact_id", artifactId);
    Checks.notNull("kind", kind);
    Checks.matches("uri", uri, URI);
    Checks.length("content_type", contentType, 3, 255);
    Checks.matches("content_type", contentType, CONTENT_TYPE);
    Checks.range("size_bytes", sizeBytes, 0, Long.MAX_VALUE);
    Checks.notNull("sha256", sha256).ifPresent(h -> Checks.matches("sha256", h, Checks.HEX64));
    Checks.notNull("ttl_hours", ttlHours).ifPresent(h -> Checks.range("ttl_hours", h, 1, 87_600));
  }
}
