package io.ovpo.core.retention;

import io.ovpo.ports.model.ArtifactRef;
import java.util.Optional;
import java.util.Set;

/**
 * Which artifact objects OVPO may delete (spec 08 §3 rule 3): those in its own {@code ovpo://}
 * storage and in the S3 buckets configured as managed. Any other object belongs to the client; OVPO
 * drops its reference with the trace and never touches it.
 */
public final class ManagedStorage {
  private static final String OVPO = "ovpo://";
  private static final String S3 = "s3://";

  private final Set<String> managedBuckets;

  /**
   * @param managedBuckets names of the S3 buckets whose objects OVPO manages (may be empty)
   */
  public ManagedStorage(Set<String> managedBuckets) {
    this.managedBuckets = Set.copyOf(managedBuckets);
  }

  /** Only {@code ovpo://} storage is managed. */
  public static ManagedStorage ovpoOnly() {
    return new ManagedStorage(Set.of());
  }

  /**
   * The object-store key of {@code ref}'s object (its URI without the scheme) when OVPO manages it,
   * else empty.
   */
  public Optional<String> objectKey(ArtifactRef ref) {
    String uri = ref.uri();
    if (uri.startsWith(OVPO)) {
      return Optional.of(uri.substring(OVPO.length()));
    }
    if (uri.startsWith(S3)) {
      String rest = uri.substring(S3.length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      if (managedBuckets.contains(bucket)) {
        return Optional.of(rest);
      }
    }
    return Optional.empty();
  }
}
