package io.ovpo.adapter.postgres;

import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.testkit.ApiKeyStoreContract;
import io.ovpo.testkit.ArtifactStoreContract;
import io.ovpo.testkit.AuditLogContract;
import io.ovpo.testkit.DedupeStoreContract;
import io.ovpo.testkit.DeletionContract;
import io.ovpo.testkit.DeletionStores;
import io.ovpo.testkit.FrameAnalyticsStoreContract;
import io.ovpo.testkit.FrameEventStoreContract;
import io.ovpo.testkit.IdempotencyStoreContract;
import io.ovpo.testkit.ReconciliationStoreContract;
import io.ovpo.testkit.RetentionRunLogContract;
import io.ovpo.testkit.SpanStoreContract;
import io.ovpo.testkit.TenantStoreContract;
import io.ovpo.testkit.TombstoneStoreContract;
import io.ovpo.testkit.TraceStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every store contract the PostgreSQL adapter implements, against a real PostgreSQL (one fresh
 * database per run, see {@link TestDatabase}), all sharing one {@link PostgresStorage} that
 * connects as the non-owner runtime role {@code ovpo_app}, so row-level security is in force
 * throughout. Nothing is skipped. The isolation and privilege proofs are in {@link
 * PostgresSecurityIT}.
 */
@ExtendWith(PostgresExtension.class)
class PostgresStorageIT {
  static PostgresStorage storage;

  @BeforeAll
  static void connect(TestDatabase db) {
    storage = db.storage();
  }

  @Nested
  class Traces extends TraceStoreContract<TraceStore> {
    @Override
    protected TraceStore newStore() {
      return storage.traces();
    }
  }

  @Nested
  class Spans extends SpanStoreContract<SpanStore> {
    @Override
    protected SpanStore newStore() {
      return storage.spans();
    }

    @Override
    protected TraceStore traceStoreOfSameBackend() {
      return storage.traces();
    }
  }

  @Nested
  class FrameEvents extends FrameEventStoreContract<FrameEventStore> {
    @Override
    protected FrameEventStore newStore() {
      return storage.frameEvents();
    }
  }

  @Nested
  class FrameAnalytics extends FrameAnalyticsStoreContract<FrameAnalyticsStore> {
    @Override
    protected FrameAnalyticsStore newStore() {
      return storage.frameAnalytics();
    }

    @Override
    protected FrameEventStore eventStore() {
      return storage.frameEvents();
    }
  }

  @Nested
  class Artifacts extends ArtifactStoreContract<ArtifactStore> {
    @Override
    protected ArtifactStore newStore() {
      return storage.artifacts();
    }
  }

  @Nested
  class Tenants extends TenantStoreContract<TenantStore> {
    @Override
    protected TenantStore newStore() {
      return storage.tenants();
    }
  }

  @Nested
  class ApiKeys extends ApiKeyStoreContract<ApiKeyStore> {
    @Override
    protected ApiKeyStore newStore() {
      return storage.apiKeys();
    }
  }

  @Nested
  class Idempotency extends IdempotencyStoreContract<IdempotencyStore> {
    @Override
    protected IdempotencyStore newStore() {
      return storage.idempotency();
    }
  }

  @Nested
  class Dedupe extends DedupeStoreContract<DedupeStore> {
    @Override
    protected DedupeStore newStore() {
      return storage.dedupe();
    }
  }

  @Nested
  class Audit extends AuditLogContract<AuditLog> {
    @Override
    protected AuditLog newStore() {
      return storage.auditLog();
    }
  }

  @Nested
  class Tombstones extends TombstoneStoreContract<TombstoneStore> {
    @Override
    protected TombstoneStore newStore() {
      return storage.tombstones();
    }
  }

  @Nested
  class RetentionRuns extends RetentionRunLogContract<RetentionRunLog> {
    @Override
    protected RetentionRunLog newStore() {
      return storage.retentionRuns();
    }
  }

  @Nested
  class Deletion extends DeletionContract {
    @Override
    protected DeletionStores newStore() {
      return new DeletionStores(
          storage.traces(),
          storage.spans(),
          storage.frameEvents(),
          storage.artifacts(),
          storage.tombstones());
    }
  }

  @Nested
  class Reconciliation extends ReconciliationStoreContract<ReconciliationStore> {
    @Override
    protected ReconciliationStore newStore() {
      return storage.reconciliation();
    }
  }
}
