package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    final Map<TraceId, List<ArtifactManifest>> byTrace = new HashMap<>();

    synchronized boolean put(ArtifactManifest m) {
      if (byId.putIfAbsent(m.manifestId(), m) != null) {
        return false;
      }
      byTrace.computeIfAbsent(m.traceId(), k -> new ArrayList<>()).add(m);
      return true;
    }

    synchronized boolean remove(ManifestId id) {
      ArtifactManifest m = byId.remove(id);
      if (m == null) {
        return false;
      }
      List<ArtifactManifest> ofTrace = byTrace.get(m.traceId());
      ofTrace.remove(m);
      if (ofTrace.isEmpty()) {
        byTrace.remove(m.traceId());
      }
      return true;
    }

    synchronized List<ArtifactManifest> of(TraceId traceId) {
      return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
    }
  }

  @Override
  public boolean putManifest(TenantId tenant, ArtifactManifest manifest) {
    TenantManifests t = tenants.computeIfAbsent(tenant, k -> new TenantManifests());
    if (!t.put(manifest)) {
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
    for (ArtifactManifest m : byTrace(tenant, traceId)) {
      for (ArtifactRef a : m.artifacts()) {
        if (a.artifactId().equals(artifactId)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
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
