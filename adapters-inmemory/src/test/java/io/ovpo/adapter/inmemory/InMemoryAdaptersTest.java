package io.ovpo.adapter.inmemory;

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
import io.ovpo.testkit.ApiKeyStoreContract;
import io.ovpo.testkit.ArtifactStoreContract;
import io.ovpo.testkit.AuditLogContract;
import io.ovpo.testkit.DedupeStoreContract;
import io.ovpo.testkit.DeletionContract;
import io.ovpo.testkit.DeletionStores;
import io.ovpo.testkit.FrameAnalyticsStoreContract;
import io.ovpo.testkit.FrameEventStoreContract;
import io.ovpo.testkit.IdempotencyStoreContract;
import io.ovpo.testkit.IngestQueueContract;
import io.ovpo.testkit.MutableClock;
import io.ovpo.testkit.ObjectStoreContract;
import io.ovpo.testkit.RateLimiterContract;
import io.ovpo.testkit.ReconciliationStoreContract;
import io.ovpo.testkit.RetentionRunLogContract;
import io.ovpo.testkit.SpanStoreContract;
import io.ovpo.testkit.TenantStoreContract;
import io.ovpo.testkit.TombstoneStoreContract;
import io.ovpo.testkit.TraceStoreContract;
import io.ovpo.testkit.TraceViewCacheContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The in-memory adapters against every port contract of the test kit, nothing skipped. */
class InMemoryAdaptersTest {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_DELIVERIES = 3;

  @Nested
  class Traces extends TraceStoreContract<TraceStore> {
    @Override
    protected TraceStore newStore() {
      return InMemoryAdapters.builder().build().traceStore();
    }
  }

  @Nested
  class Spans extends SpanStoreContract<SpanStore> {
    private InMemoryAdapters adapters;

    @Override
    protected SpanStore newStore() {
      adapters = InMemoryAdapters.builder().build();
      return adapters.spanStore();
    }

    @Override
    protected TraceStore traceStoreOfSameBackend() {
      return adapters.traceStore();
    }
  }

  @Nested
  class FrameEvents extends FrameEventStoreContract<FrameEventStore> {
    @Override
    protected FrameEventStore newStore() {
      return InMemoryAdapters.builder().build().frameEventStore();
    }
  }

  @Nested
  class FrameAnalytics extends FrameAnalyticsStoreContract<FrameAnalyticsStore> {
    private InMemoryAdapters adapters;

    @Override
    protected FrameAnalyticsStore newStore() {
      adapters = InMemoryAdapters.builder().build();
      return adapters.frameAnalyticsStore();
    }

    @Override
    protected FrameEventStore eventStore() {
      return adapters.frameEventStore();
    }
  }

  @Nested
  class Artifacts extends ArtifactStoreContract<ArtifactStore> {
    @Override
    protected ArtifactStore newStore() {
      return InMemoryAdapters.builder().build().artifactStore();
    }
  }

  @Nested
  class Queue extends IngestQueueContract<IngestQueue> {
    @Override
    protected IngestQueue newQueue(MutableClock clock) {
      return InMemoryAdapters.builder()
          .clock(clock)
          .queueMaxDeliveries(MAX_DELIVERIES)
          .ackTimeout(ACK_TIMEOUT)
          .build()
          .ingestQueue();
    }

    @Override
    protected int maxDeliveries() {
      return MAX_DELIVERIES;
    }

    @Override
    protected Duration ackTimeout() {
      return ACK_TIMEOUT;
    }
  }

  @Nested
  class Idempotency extends IdempotencyStoreContract<IdempotencyStore> {
    @Override
    protected IdempotencyStore newStore() {
      return InMemoryAdapters.builder().clock(clock).build().idempotencyStore();
    }
  }

  @Nested
  class Dedupe extends DedupeStoreContract<DedupeStore> {
    @Override
    protected DedupeStore newStore() {
      return InMemoryAdapters.builder().clock(clock).build().dedupeStore();
    }
  }

  @Nested
  class RateLimits extends RateLimiterContract<RateLimiter> {
    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
      return InMemoryAdapters.builder().clock(clock).build().rateLimiter();
    }
  }

  @Nested
  class Tenants extends TenantStoreContract<TenantStore> {
    @Override
    protected TenantStore newStore() {
      return InMemoryAdapters.builder().build().tenantStore();
    }
  }

  @Nested
  class ApiKeys extends ApiKeyStoreContract<ApiKeyStore> {
    @Override
    protected ApiKeyStore newStore() {
      return InMemoryAdapters.builder().build().apiKeyStore();
    }
  }

  @Nested
  class Audit extends AuditLogContract<AuditLog> {
    @Override
    protected AuditLog newStore() {
      return InMemoryAdapters.builder().build().auditLog();
    }
  }

  @Nested
  class Tombstones extends TombstoneStoreContract<TombstoneStore> {
    @Override
    protected TombstoneStore newStore() {
      return InMemoryAdapters.builder().build().tombstoneStore();
    }
  }

  @Nested
  class RetentionRuns extends RetentionRunLogContract<RetentionRunLog> {
    @Override
    protected RetentionRunLog newStore() {
      return InMemoryAdapters.builder().build().retentionRunLog();
    }
  }

  @Nested
  class Deletion extends DeletionContract {
    @Override
    protected DeletionStores newStore() {
      InMemoryAdapters m = InMemoryAdapters.builder().build();
      return new DeletionStores(
          m.traceStore(),
          m.spanStore(),
          m.frameEventStore(),
          m.artifactStore(),
          m.tombstoneStore());
    }
  }

  @Nested
  class Objects extends ObjectStoreContract<ObjectStore> {
    @Override
    protected ObjectStore newStore() {
      return InMemoryAdapters.builder().build().objectStore();
    }

    @Override
    protected boolean supportsOpenSigned() {
      return true;
    }
  }

  @Nested
  class Reconciliation extends ReconciliationStoreContract<ReconciliationStore> {
    @Override
    protected ReconciliationStore newStore() {
      return InMemoryAdapters.builder().build().reconciliationStore();
    }
  }

  @Nested
  class ViewCache extends TraceViewCacheContract<TraceViewCache> {
    @Override
    protected TraceViewCache newStore() {
      return InMemoryAdapters.builder().clock(clock).build().traceViewCache();
    }
  }
}
