package io.ovpo.adapter.inmemory;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Manifests per tenant, first write wins; a low-volume store, so one lock per tenant. */
final class InMemoryArtifactStore implements ArtifactStore {
  private final ConcurrentHashMap<TenantId, TenantManifests> tenants = new ConcurrentHashMap<>();
  private final InsertionOrder<Scoped<ManifestId>> order;
  private final Evictions evictions;

  InMemoryArtifactStore(long maxManifests, Evictions evictions) {
    this.order = new InsertionOrder<>(maxManifests);
    this.evictions = evictions;
  }

  /** One tenant's manifests, guarded by the instance. */
  private static final class TenantManifests {
    final Map<ManifestId, ArtifactManifest> byId = new HashMap<>();
    final Map<ManifestId, Instant> receivedAt = new HashMap<>();
    final Map<TraceId, List<ArtifactManifest>> byTrace = new HashMap<>();
    final Set<ArtifactKey> objectsDeleted = new HashSet<>();

    synchronized boolean put(ArtifactManifest m, Instant received) {
      if (byId.putIfAbsent(m.manifestId(), m) != null) {
        return false;
      }
      receivedAt.put(m.manifestId(), received);
      byTrace.computeIfAbsent(m.traceId(), k -> new ArrayList<>()).add(m);
      return true;
    }

    synchronized boolean deleted(ArtifactKey key) {
      return objectsDeleted.contains(key);
    }

    synchronized int markDeleted(Collection<ArtifactKey> keys) {
      int n = 0;
      for (ArtifactKey k : keys) {
        Optional<ArtifactRef> first =
            byTrace.getOrDefault(k.traceId(), List.of()).stream()
                .flatMap(m -> m.artifacts().stream())
                .filter(a -> a.artifactId().equals(k.artifactId()))
                .findFirst();
        if (first.filter(EphemeralArtifact::isEphemeral).isPresent() && objectsDeleted.add(k)) {
          n++;
        }
      }
      return n;
    }

    /** Each trace's first ref per artifact id with its manifest's receive time, by key. */
    synchronized List<EphemeralArtifact> ephemeral() {
      List<EphemeralArtifact> out = new ArrayList<>();
      for (Map.Entry<TraceId, List<ArtifactManifest>> e : byTrace.entrySet()) {
        Set<ArtifactId> seen = new HashSet<>();
        for (ArtifactManifest m : e.getValue()) {
          for (ArtifactRef a : m.artifacts()) {
            if (seen.add(a.artifactId())
                && EphemeralArtifact.isEphemeral(a)
                && !objectsDeleted.contains(new ArtifactKey(e.getKey(), a.artifactId()))) {
              out.add(new EphemeralArtifact(e.getKey(), a, receivedAt.get(m.manifestId())));
            }
          }
        }
      }
      out.sort(Comparator.comparing(EphemeralArtifact::key));
      return out;
    }

    synchronized boolean remove(ManifestId id) {
      ArtifactManifest m = byId.remove(id);
      if (m == null) {
        return false;
      }
      receivedAt.remove(id);
      List<ArtifactManifest> ofTrace = byTrace.get(m.traceId());
      ofTrace.remove(m);
      if (ofTrace.isEmpty()) {
        byTrace.remove(m.traceId());
        objectsDeleted.removeIf(k -> k.traceId().equals(m.traceId()));
      }
      return true;
    }

    synchronized List<ArtifactManifest> of(TraceId traceId) {
      return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
    }
  }

  @Override
  public boolean putManifest(TenantId tenant, ArtifactManifest manifest, Instant receivedAt) {
    TenantManifests t = tenants.computeIfAbsent(tenant, k -> new TenantManifests());
    if (!t.put(manifest, receivedAt)) {
      return false;
    }
    for (Scoped<ManifestId> victim : order.add(new Scoped<>(tenant, manifest.manifestId()))) {
      TenantManifests owner = tenants.get(victim.tenant());
      if (owner != null && owner.remove(victim.key())) {
        evictions.add(EvictionKind.MANIFESTS, 1);
      }
    }
    return true;
  }

  @Override
  public List<ArtifactManifest> byTrace(TenantId tenant, TraceId traceId) {
    TenantManifests t = tenants.get(tenant);
    return t == null ? List.of() : t.of(traceId);
  }

  @Override
  public Optional<ArtifactRef> find(TenantId tenant, TraceId traceId, ArtifactId artifactId) {
    TenantManifests t = tenants.get(tenant);
    if (t == null || t.deleted(new ArtifactKey(traceId, artifactId))) {
      return Optional.empty();
    }
    for (ArtifactManifest m : t.of(traceId)) {
      for (ArtifactRef a : m.artifacts()) {
        if (a.artifactId().equals(artifactId)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public List<EphemeralArtifact> expiredEphemeral(
      TenantId tenant,
      Instant asOf,
      Duration defaultLifetime,
      Optional<ArtifactKey> after,
      int limit) {
    TenantManifests t = tenants.get(tenant);
    if (t == null) {
      return List.of();
    }
    // Retention only, a few times a day: a scan is fine here.
    return t.ephemeral().stream()
        .filter(a -> after.map(k -> a.key().compareTo(k) > 0).orElse(true))
        .filter(a -> !a.expiresAt(defaultLifetime).isAfter(asOf))
        .limit(limit)
        .toList();
  }

  @Override
  public int markObjectsDeleted(TenantId tenant, Collection<ArtifactKey> keys) {
    TenantManifests t = tenants.get(tenant);
    return t == null ? 0 : t.markDeleted(keys);
  }

  @Override
  public int deleteByTraces(TenantId tenant, Collection<TraceId> traceIds) {
    TenantManifests t = tenants.get(tenant);
    if (t == null) {
      return 0;
    }
    int n = 0;
    for (TraceId traceId : traceIds) {
      for (ArtifactManifest m : t.of(traceId)) {
        if (t.remove(m.manifestId())) {
          order.remove(new Scoped<>(tenant, m.manifestId()));
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
