package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ArtifactStore} on table {@code artifact_manifests}, artifacts as a JSONB array. */
final class PostgresArtifactStore implements ArtifactStore {
  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresArtifactStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public boolean putManifest(TenantId tenant, ArtifactManifest manifest) {
    return db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                        "INSERT INTO artifact_manifests (tenant_id, manifest_id, trace_id, artifacts)"
                            + " VALUES (:tenant, :manifest::uuid, :trace::uuid, :artifacts::jsonb)"
                            + " ON CONFLICT (tenant_id, manifest_id) DO NOTHING")
                    .bind("tenant", tenant.value())
                    .bind("manifest", manifest.manifestId().value())
                    .bind("trace", manifest.traceId().value())
                    .bind("artifacts", ValueJson.artifacts(manifest.artifacts()))
                    .execute()
                == 1);
  }

  @Override
  public List<ArtifactManifest> byTrace(TenantId tenant, TraceId traceId) {
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(
                    "SELECT manifest_id, artifacts FROM artifact_manifests"
                        + " WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
                        + " ORDER BY stored_seq")
                .bind("tenant", tenant.value())
                .bind("trace", traceId.value())
                .map(
                    (rs, ctx) ->
                        new ArtifactManifest(
                            ManifestId.of(rs.getString("manifest_id")),
                            traceId,
                            ValueJson.artifacts(rs.getString("artifacts"))))
                .list());
  }

  @Override
  public Optional<ArtifactRef> find(TenantId tenant, TraceId traceId, ArtifactId artifactId) {
    // A trace has a handful of manifests; scanning them keeps "first manifest wins" obvious.
    return byTrace(tenant, traceId).stream()
        .flatMap(m -> m.artifacts().stream())
        .filter(a -> a.artifactId().equals(artifactId))
        .findFirst();
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    return db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "DELETE FROM artifact_manifests"
                        + " WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
                .bind("tenant", tenant.value())
                .bindArray("ids", String.class, Sql.texts(traceIds, TraceId::value))
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }
}
