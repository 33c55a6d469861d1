package io.ovpo.app.query.testing;

import dagger.Module;
import dagger.Provides;
import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.app.common.wiring.Secrets;
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
import java.time.Clock;
import javax.inject.Singleton;

/** The in-memory out-ports, with an audit log the tests can tamper with. */
@Module
final class TestBackendsModule {
  static final String LINK_BASE = "http://localhost/v1/artifacts/download";

  private TestBackendsModule() {}

  @Provides
  @Singleton
  static InMemoryAdapters memory(Clock clock, Secrets secrets) {
    return InMemoryAdapters.builder()
        .clock(clock)
        .signingSecret(secrets.signing())
        .signedUrlBase(LINK_BASE)
        .build();
  }

  @Provides
  @Singleton
  static TamperingAuditLog tampering(InMemoryAdapters m) {
    return new TamperingAuditLog(m.auditLog());
  }

  @Provides
  static AuditLog audit(TamperingAuditLog log) {
    return log;
  }

  @Provides
  static TraceStore traces(InMemoryAdapters m) {
    return m.traceStore();
  }

  @Provides
  static SpanStore spans(InMemoryAdapters m) {
    return m.spanStore();
  }

  @Provides
  static FrameEventStore events(InMemoryAdapters m) {
    return m.frameEventStore();
  }

  @Provides
  static FrameAnalyticsStore frameAnalytics(InMemoryAdapters m) {
    return m.frameAnalyticsStore();
  }

  @Provides
  static ArtifactStore artifacts(InMemoryAdapters m) {
    return m.artifactStore();
  }

  @Provides
  static IngestQueue queue(InMemoryAdapters m) {
    return m.ingestQueue();
  }

  @Provides
  static IdempotencyStore idempotency(InMemoryAdapters m) {
    return m.idempotencyStore();
  }

  @Provides
  static DedupeStore dedupe(InMemoryAdapters m) {
    return m.dedupeStore();
  }

  @Provides
  static RateLimiter rateLimiter(InMemoryAdapters m) {
    return m.rateLimiter();
  }

  @Provides
  static TenantStore tenants(InMemoryAdapters m) {
    return m.tenantStore();
  }

  @Provides
  static ApiKeyStore apiKeys(InMemoryAdapters m) {
    return m.apiKeyStore();
  }

  @Provides
  static TombstoneStore tombstones(InMemoryAdapters m) {
    return m.tombstoneStore();
  }

  @Provides
  static RetentionRunLog retentionRuns(InMemoryAdapters m) {
    return m.retentionRunLog();
  }

  @Provides
  static ObjectStore objects(InMemoryAdapters m) {
    return m.objectStore();
  }

  @Provides
  static ReconciliationStore reconciliation(InMemoryAdapters m) {
    return m.reconciliationStore();
  }
}
