package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKey;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.EphemeralArtifact;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link ArtifactStore} on table {@code artifact_manifests}, artifacts as a JSONB array, with the
 * ephemeral ones also in {@code ephemeral_artifacts} (one row per artifact, for expiry).
 */
final class PostgresArtifactStore implements ArtifactStore {
  private final Db db;
  private final Supplier<HealthStatus> health;

  PostgresArtifactStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public boolean putManifest(TenantId tenant, ArtifactManifest manifest, Instant receivedAt) {
    return db.inTenant(
        tenant,
        h -> {
          boolean stored =
              h.createUpdate(
                          "INSERT INTO artifact_manifests"
                              + " (tenant_id, manifest_id, trace_id, artifacts, received_at)"
                              + " VALUES (:tenant, :manifest::uuid, :trace::uuid,"
                              + " :artifacts::jsonb, :received::timestamptz)"
                              + " ON CONFLICT (tenant_id, manifest_id) DO NOTHING")
                      .bind("tenant", tenant.value())
                      .bind("manifest", manifest.manifestId().value())
                      .bind("trace", manifest.traceId().value())
                      .bind("artifacts", ValueJson.artifacts(manifest.artifacts()))
                      .bind("received", Sql.ts(receivedAt))
                      .execute()
                  == 1;
          if (stored) {
            indexEphemeral(h, tenant, manifest, receivedAt);
          }
          return stored;
        });
  }

  /** One row per ephemeral artifact; an id an earlier manifest of the trace listed keeps that. */
  private static void indexEphemeral(
      Handle h, TenantId tenant, ArtifactManifest manifest, Instant receivedAt) {
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO ephemeral_artifacts (tenant_id, trace_id, artifact_id, manifest_id, ref,"
                + " ttl_hours, received_at) VALUES (:tenant, :trace::uuid, :artifact::uuid,"
                + " :manifest::uuid, :ref::jsonb, :ttl, :received::timestamptz)"
                + " ON CONFLICT (tenant_id, trace_id, artifact_id) DO NOTHING");
    int rows = 0;
    for (ArtifactRef a : manifest.artifacts()) {
      if (!EphemeralArtifact.isEphemeral(a)) {
        continue;
      }
      batch
          .bind("tenant", tenant.value())
          .bind("trace", manifest.traceId().value())
          .bind("artifact", a.artifactId().value())
          .bind("manifest", manifest.manifestId().value())
          .bind("ref", Json.write(ValueJson.artifact(a)))
          .bind("ttl", a.ttlHours().isPresent() ? (Integer) a.ttlHours().getAsInt() : null)
          .bind("received", Sql.ts(receivedAt))
          .add();
      rows++;
    }
    if (rows > 0) {
      batch.execute();
    }
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
    return db.inTenant(
        tenant,
        h -> {
          boolean objectDeleted =
              h.createQuery(
                          "SELECT count(*) FROM ephemeral_artifacts WHERE tenant_id = :tenant"
                              + " AND trace_id = :trace::uuid AND artifact_id = :artifact::uuid"
                              + " AND object_deleted_at IS NOT NULL")
                      .bind("tenant", tenant.value())
                      .bind("trace", traceId.value())
                      .bind("artifact", artifactId.value())
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (objectDeleted) {
            return Optional.<ArtifactRef>empty();
          }
          // A trace has a handful of manifests; scanning them keeps "first manifest wins" obvious.
          return h
              .createQuery(
                  "SELECT artifacts FROM artifact_manifests"
                      + " WHERE tenant_id = :tenant AND trace_id = :trace::uuid"
                      + " ORDER BY stored_seq")
              .bind("tenant", tenant.value())
              .bind("trace", traceId.value())
              .mapTo(String.class)
              .list()
              .stream()
              .flatMap(json -> ValueJson.artifacts(json).stream())
              .filter(a -> a.artifactId().equals(artifactId))
              .findFirst();
        });
  }

  @Override
  public List<EphemeralArtifact> expiredEphemeral(
      TenantId tenant,
      Instant asOf,
      Duration defaultLifetime,
      Optional<ArtifactKey> after,
      int limit) {
    String sql =
        "SELECT trace_id, ref, received_at FROM ephemeral_artifacts"
            + " WHERE tenant_id = :tenant AND object_deleted_at IS NULL"
            + " AND received_at <= :as_of::timestamptz"
            + " AND ((ttl_hours IS NOT NULL"
            + "       AND received_at + ttl_hours * interval '1 hour' <= :as_of::timestamptz)"
            + "   OR (ttl_hours IS NULL AND received_at <= :default_cutoff::timestamptz))"
            + (after.isPresent()
                ? " AND (trace_id, artifact_id) > (:after_trace::uuid, :after_artifact::uuid)"
                : "")
            + " ORDER BY trace_id, artifact_id LIMIT :limit";
    return db.inTenant(
        tenant,
        h ->
            h.createQuery(sql)
                .bind("tenant", tenant.value())
                .bind("as_of", Sql.ts(asOf))
                .bind("default_cutoff", Sql.ts(asOf.minus(defaultLifetime)))
                .bind("after_trace", after.map(k -> k.traceId().value()).orElse(null))
                .bind("after_artifact", after.map(k -> k.artifactId().value()).orElse(null))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new EphemeralArtifact(
                            TraceId.of(rs.getString("trace_id")),
                            ValueJson.artifact(Json.read(rs.getString("ref"))),
                            Sql.instant(rs, "received_at")))
                .list());
  }

  @Override
  public int markObjectsDeleted(TenantId tenant, Collection<ArtifactKey> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    List<ArtifactKey> sorted = new ArrayList<>(new TreeSet<>(keys));
    return db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "UPDATE ephemeral_artifacts SET object_deleted_at = now()"
                        + " WHERE tenant_id = :tenant AND object_deleted_at IS NULL"
                        + " AND (trace_id, artifact_id) IN (SELECT * FROM"
                        + " unnest(:traces::uuid[], :artifacts::uuid[]))")
                .bind("tenant", tenant.value())
                .bindArray("traces", String.class, Sql.texts(sorted, k -> k.traceId().value()))
                .bindArray(
                    "artifacts", String.class, Sql.texts(sorted, k -> k.artifactId().value()))
                .execute());
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    return db.inTenant(
        tenant,
        h -> {
          List<String> ids = Sql.texts(traceIds, TraceId::value);
          h.createUpdate(
                  "DELETE FROM ephemeral_artifacts"
                      + " WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
              .bind("tenant", tenant.value())
              .bindArray("ids", String.class, ids)
              .execute();
          return h.createUpdate(
                  "DELETE FROM artifact_manifests"
                      + " WHERE tenant_id = :tenant AND trace_id = ANY(:ids::uuid[])")
              .bind("tenant", tenant.value())
              .bindArray("ids", String.class, ids)
              .execute();
        });
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }
}
