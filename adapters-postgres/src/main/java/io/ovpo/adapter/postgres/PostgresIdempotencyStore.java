package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@link IdempotencyStore} on {@code idempotency_keys}. A claim is one {@code INSERT ... ON
 * CONFLICT DO UPDATE ... WHERE <claimable>}: it inserts a new key, or takes over one whose owner's
 * lock ran out or whose receipt expired, atomically; concurrent claimers of one key queue on its
 * row lock. When nothing was taken, the row decides between conflict, replay and in progress.
 */
final class PostgresIdempotencyStore implements IdempotencyStore {
  private static final String CLAIM =
      "INSERT INTO idempotency_keys AS k (tenant_id, idem_key, request_hash, state, locked_at,"
          + " expires_at) VALUES (:tenant, :key, :hash, 'IN_PROGRESS', :now::timestamptz,"
          + " :lock_until::timestamptz)"
          + " ON CONFLICT (tenant_id, idem_key) DO UPDATE SET request_hash = excluded.request_hash,"
          + " state = 'IN_PROGRESS', locked_at = excluded.locked_at, receipt = NULL,"
          + " expires_at = excluded.expires_at"
          + " WHERE (k.state = 'IN_PROGRESS' AND k.locked_at <= :lock_expired::timestamptz)"
          + " OR (k.state = 'COMPLETED' AND k.expires_at <= :now::timestamptz)"
          + " RETURNING 1";

  private final Db db;
  private final Supplier<HealthStatus> health;
  private final ExpirySweep sweep = new ExpirySweep("idempotency_keys");

  PostgresIdempotencyStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public IdempotencyClaim claim(
      TenantId tenant, String key, String requestHash, Instant now, Duration lockTtl) {
    return db.inTenant(
        tenant,
        h -> {
          sweep.maybeRun(h, tenant, now);
          // A release between the insert attempt and the read makes the row vanish: try again.
          for (int attempt = 0; ; attempt++) {
            boolean acquired =
                h.createQuery(CLAIM)
                    .bind("tenant", tenant.value())
                    .bind("key", key)
                    .bind("hash", requestHash)
                    .bind("now", Sql.ts(now))
                    .bind("lock_until", Sql.ts(now.plus(lockTtl)))
                    .bind("lock_expired", Sql.ts(now.minus(lockTtl)))
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (acquired) {
              return new IdempotencyClaim.Acquired();
            }
            Optional<IdempotencyClaim> existing = existing(h, tenant, key, requestHash);
            if (existing.isPresent() || attempt >= 2) {
              return existing.orElseGet(IdempotencyClaim.InProgress::new);
            }
          }
        });
  }

  @Override
  public void complete(
      TenantId tenant, String key, String requestHash, IngestReceipt receipt, Instant expiresAt) {
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "INSERT INTO idempotency_keys AS k (tenant_id, idem_key, request_hash, state,"
                        + " locked_at, receipt, expires_at) VALUES (:tenant, :key, :hash,"
                        + " 'COMPLETED', now(), :receipt::jsonb, :expires::timestamptz)"
                        + " ON CONFLICT (tenant_id, idem_key) DO UPDATE SET"
                        + " request_hash = excluded.request_hash, state = 'COMPLETED',"
                        + " receipt = excluded.receipt, expires_at = excluded.expires_at")
                .bind("tenant", tenant.value())
                .bind("key", key)
                .bind("hash", requestHash)
                .bind("receipt", AdminJson.receipt(receipt))
                .bind("expires", Sql.ts(expiresAt))
                .execute());
  }

  @Override
  public void release(TenantId tenant, String key) {
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "DELETE FROM idempotency_keys WHERE tenant_id = :tenant AND idem_key = :key"
                        + " AND state = 'IN_PROGRESS'")
                .bind("tenant", tenant.value())
                .bind("key", key)
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }

  private static Optional<IdempotencyClaim> existing(
      Handle h, TenantId tenant, String key, String requestHash) {
    return h.createQuery(
            "SELECT request_hash, state, receipt FROM idempotency_keys"
                + " WHERE tenant_id = :tenant AND idem_key = :key")
        .bind("tenant", tenant.value())
        .bind("key", key)
        .map(
            (rs, ctx) -> {
              if (!rs.getString("request_hash").equals(requestHash)) {
                return (IdempotencyClaim) new IdempotencyClaim.Conflict();
              }
              if ("COMPLETED".equals(rs.getString("state"))) {
                return new IdempotencyClaim.Completed(AdminJson.receipt(rs.getString("receipt")));
              }
              return new IdempotencyClaim.InProgress();
            })
        .findOne();
  }
}
