package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@link DedupeStore} on {@code dedupe_items}: one array-bound statement per call. */
final class PostgresDedupeStore implements DedupeStore {
  private final Db db;
  private final Supplier<HealthStatus> health;
  private final ExpirySweep sweep = new ExpirySweep("dedupe_items");

  PostgresDedupeStore(Db db, Supplier<HealthStatus> health) {
    this.db = db;
    this.health = health;
  }

  @Override
  public Set<String> seen(TenantId tenant, Collection<String> keys, Instant now) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    return db.inTenant(
        tenant,
        h -> {
          sweep.maybeRun(h, tenant, now);
          return new HashSet<>(
              h.createQuery(
                      "SELECT item_key FROM dedupe_items WHERE tenant_id = :tenant"
                          + " AND item_key = ANY(:keys::text[]) AND expires_at > :now::timestamptz")
                  .bind("tenant", tenant.value())
                  .bindArray("keys", String.class, new ArrayList<>(keys))
                  .bind("now", Sql.ts(now))
                  .mapTo(String.class)
                  .list());
        });
  }

  @Override
  public void remember(TenantId tenant, Collection<String> keys, Instant expiresAt) {
    if (keys.isEmpty()) {
      return;
    }
    // Distinct (one statement may not touch a row twice) and sorted (no lock-order deadlocks).
    var sorted = new ArrayList<>(new TreeSet<>(keys));
    db.inTenant(
        tenant,
        h ->
            h.createUpdate(
                    "INSERT INTO dedupe_items AS d (tenant_id, item_key, expires_at)"
                        + " SELECT :tenant, k, :expires::timestamptz FROM unnest(:keys::text[]) k"
                        + " ON CONFLICT (tenant_id, item_key) DO UPDATE"
                        + " SET expires_at = greatest(d.expires_at, excluded.expires_at)")
                .bind("tenant", tenant.value())
                .bindArray("keys", String.class, sorted)
                .bind("expires", Sql.ts(expiresAt))
                .execute());
  }

  @Override
  public HealthStatus check() {
    return health.get();
  }
}
