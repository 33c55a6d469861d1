package io.ovpo.ports.out;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKey;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.EphemeralArtifact;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Artifact manifests, immutable by (tenant, manifest_id): the first write wins. Ephemeral artifacts
 * (see {@link EphemeralArtifact#isEphemeral}) are also findable by expiry, for retention.
 */
public interface ArtifactStore extends HealthCheck {
  /**
   * Stores the manifest if its id is new for the tenant; returns whether it was stored. {@code
   * receivedAt} (when the collector received it) is what its ephemeral artifacts expire from.
   */
  boolean putManifest(TenantId tenant, ArtifactManifest manifest, Instant receivedAt);

  /** A trace's manifests in the order they were first stored (expired artifacts included). */
  List<ArtifactManifest> byTrace(TenantId tenant, TraceId traceId);

  /**
   * A downloadable artifact of the trace by id (first manifest that lists it); empty when unknown
   * or when its object was deleted ({@link #markObjectsDeleted}).
   */
  Optional<ArtifactRef> find(TenantId tenant, TraceId traceId, ArtifactId artifactId);

  /**
   * The tenant's ephemeral artifacts not yet marked deleted that expired at or before {@code asOf}:
   * received at least {@code ttl_hours} before it, or, without {@code ttl_hours}, at least {@code
   * defaultLifetime} before it. Ordered by {@link ArtifactKey}, strictly after {@code after}, at
   * most {@code limit}; an artifact listed by several manifests of its trace appears once (the
   * first manifest's ref).
   */
  List<EphemeralArtifact> expiredEphemeral(
      TenantId tenant,
      Instant asOf,
      Duration defaultLifetime,
      Optional<ArtifactKey> after,
      int limit);

  /**
   * Records that these ephemeral artifacts' objects are gone (idempotent): {@link #find} and {@link
   * #expiredEphemeral} skip them from now on, {@link #byTrace} still lists their refs. Unknown keys
   * and artifacts that are not ephemeral are ignored. Returns how many changed.
   */
  int markObjectsDeleted(TenantId tenant, Collection<ArtifactKey> keys);

  /** Hard-deletes the manifests of these traces; returns how many manifests went. */
  int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds);
}
