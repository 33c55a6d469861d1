package io.ovpo.app.common.wiring;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.HealthCheck;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The out-port implementations chosen by configuration ({@code OVPO_STORE}, {@code OVPO_QUEUE},
 * ...), opened once per process. Backends are picked here at start-up, never by code changes; the
 * in-memory adapters fill every port that no other backend was configured for.
 */
public final class Backends implements AutoCloseable {
  private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final InMemoryAdapters memory;

  TraceStore traces;
  SpanStore spans;
  FrameEventStore events;
  FrameAnalyticsStore frameAnalytics;
  ArtifactStore artifacts;
  IngestQueue queue;
  IdempotencyStore idempotency;
  DedupeStore dedupe;
  RateLimiter rateLimiter;
  TenantStore tenants;
  ApiKeyStore apiKeys;
  AuditLog audit;
  TombstoneStore tombstones;
  RetentionRunLog retentionRuns;
  ObjectStore objects;
  ReconciliationStore reconciliation;
  TraceViewCache viewCache = TraceViewCache.none();
  Optional<TraceViewCache> redisViewCache = Optional.empty();

  private Backends(InMemoryAdapters memory) {
    this.memory = memory;
  }

  /** Opens what the configuration names; fails fast with a clear message when it can't. */
  public static Backends open(OvpoConfig config, Clock clock, byte[] signingSecret) {
    String publicUrl =
        config.optional(Setting.PUBLIC_URL).orElse("http://localhost:" + config.port());
    InMemoryAdapters memory =
        InMemoryAdapters.builder()
            .clock(clock)
            .maxTraces(config.integer(Setting.MAX_TRACES))
            .maxEventsPerTenant(config.integer(Setting.MAX_EVENTS))
            .maxViewCacheBytes(
                1024L * 1024 * Math.max(1, config.integer(Setting.CACHE_LOCAL_MAX_MB)))
            .signingSecret(signingSecret)
            .signedUrlBase(publicUrl.replaceAll("/+$", "") + "/v1/artifacts/download")
            .build();
    Backends b = new Backends(memory);
    b.closeables.add(memory);
    b.traces = memory.traceStore();
    b.spans = memory.spanStore();
    b.events = memory.frameEventStore();
    b.frameAnalytics = memory.frameAnalyticsStore();
    b.artifacts = memory.artifactStore();
    b.queue = memory.ingestQueue();
    b.idempotency = memory.idempotencyStore();
    b.dedupe = memory.dedupeStore();
    b.rateLimiter = memory.rateLimiter();
    b.tenants = memory.tenantStore();
    b.apiKeys = memory.apiKeyStore();
    b.audit = memory.auditLog();
    b.tombstones = memory.tombstoneStore();
    b.retentionRuns = memory.retentionRunLog();
    b.objects = memory.objectStore();
    b.reconciliation = memory.reconciliationStore();
    b.checks.put("memory", b.traces);
    BackendSelection.apply(config, clock, b);
    ViewCaching.apply(config, b, memory);
    return b;
  }

  /** Registers an opened backend for /ready and for close(). */
  void register(String name, HealthCheck check, AutoCloseable closeable) {
    checks.put(name, check);
    closeables.add(0, closeable);
  }

  /** Health of every backend in use, for {@code /ready}. */
  public List<HealthStatus> health() {
    List<HealthStatus> out = new ArrayList<>();
    checks.forEach(
        (name, c) -> {
          try {
            HealthStatus s = c.check();
            out.add(new HealthStatus(name, s.up(), s.detail()));
          } catch (RuntimeException e) {
            out.add(HealthStatus.down(name, e.getClass().getSimpleName()));
          }
        });
    return out;
  }

  /** Eviction counters of the in-memory adapters (never silent). */
  public Map<String, Long> memoryEvictions() {
    return memory.evictions();
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing the rest matters more than one failure at shutdown
      }
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
