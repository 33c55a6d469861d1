package io.ovpo.ports.out;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Artifact manifests, immutable by (tenant, manifest_id): the first write wins. */
public interface ArtifactStore extends HealthCheck {
  /** Stores the manifest if its id is new for the tenant; returns whether it was stored. */
  boolean putManifest(TenantId tenant, ArtifactManifest manifest);

  /** A trace's manifests in the order they were first stored. */
  List<ArtifactManifest> byTrace(TenantId tenant, TraceId traceId);

  /** An artifact of the trace by id (first manifest that lists it). */
  Optional<ArtifactRef> find(TenantId tenant, TraceId traceId, ArtifactId artifactId);

  /** Hard-deletes the manifests of these traces; returns how many manifests went. */
  int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds);
}
