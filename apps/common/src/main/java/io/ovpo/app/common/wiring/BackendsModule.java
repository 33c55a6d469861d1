package io.ovpo.app.common.wiring;

import dagger.Module;
import dagger.Provides;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
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

/** Every out-port, from the configured {@link Backends}. */
@Module
public final class BackendsModule {
  private BackendsModule() {}

  @Provides
  static TraceStore traces(Backends b) {
    return b.traces;
  }

  @Provides
  static SpanStore spans(Backends b) {
    return b.spans;
  }

  @Provides
  static FrameEventStore events(Backends b) {
    return b.events;
  }

  /** Aggregates over the configured frame-event store ({@code OVPO_EVENT_STORE}). */
  @Provides
  static FrameAnalyticsStore frameAnalytics(Backends b) {
    return b.frameAnalytics;
  }

  @Provides
  static ArtifactStore artifacts(Backends b) {
    return b.artifacts;
  }

  @Provides
  static IngestQueue queue(Backends b) {
    return b.queue;
  }

  @Provides
  static IdempotencyStore idempotency(Backends b) {
    return b.idempotency;
  }

  @Provides
  static DedupeStore dedupe(Backends b) {
    return b.dedupe;
  }

  @Provides
  static RateLimiter rateLimiter(Backends b) {
    return b.rateLimiter;
  }

  @Provides
  static TenantStore tenants(Backends b) {
    return b.tenants;
  }

  @Provides
  static ApiKeyStore apiKeys(Backends b) {
    return b.apiKeys;
  }

  @Provides
  static AuditLog audit(Backends b) {
    return b.audit;
  }

  @Provides
  static TombstoneStore tombstones(Backends b) {
    return b.tombstones;
  }

  @Provides
  static ObjectStore objects(Backends b) {
    return b.objects;
  }

  @Provides
  static RetentionRunLog retentionRuns(Backends b) {
    return b.retentionRuns;
  }

  @Provides
  static ReconciliationStore reconciliation(Backends b) {
    return b.reconciliation;
  }

  /** The query views' cache ({@code OVPO_CACHE}); {@link TraceViewCache#none()} when off. */
  @Provides
  static TraceViewCache viewCache(Backends b) {
    return b.viewCache;
  }
}
