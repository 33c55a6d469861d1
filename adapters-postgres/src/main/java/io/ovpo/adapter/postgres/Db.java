package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs work in transactions, each bound to one tenant for row-level security or, for the few
 * cross-tenant directory tables, explicitly to none. Translates driver failures into the ports'
 * exceptions.
 */
final class Db {
  /** The policy variable of migration V2; set per transaction, never per session. */
  static final String TENANT_SETTING = "app.current_tenant_id";

  private final Jdbi jdbi;

  Db(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Runs {@code work} in a transaction in which row-level security admits only {@code tenant}. */
  <T> T inTenant(TenantId tenant, HandleCallback<T, RuntimeException> work) {
    return run(
        h -> {
          bindTenant(h, tenant);
          return work.withHandle(h);
        });
  }

  /**
   * Runs {@code work} in a transaction without a tenant: tenant tables show no rows, only the
   * directory tables of migration V2 (tenants, api_key_directory, running_deletions,
   * reconciliation_queue) are usable. Work may switch to a tenant with {@link #bindTenant}.
   */
  <T> T withoutTenant(HandleCallback<T, RuntimeException> work) {
    return run(work);
  }

  /**
   * Like {@link #inTenant}, for one page of a listing with optional filters (tags, statuses,
   * ranges). The transaction plans each statement for its actual parameters: a cached generic plan
   * cannot see how selective a tag or a status is or how large a tenant is. And it plans without
   * parallel workers, whose start-up costs more than a page of 50 rows.
   */
  <T> T inTenantForPage(TenantId tenant, HandleCallback<T, RuntimeException> work) {
    return inTenantPlanned(tenant, "0", work);
  }

  /** Like {@link #inTenant}, for aggregations: planned for their actual parameters. */
  <T> T inTenantForAnalytics(TenantId tenant, HandleCallback<T, RuntimeException> work) {
    return inTenantPlanned(tenant, null, work);
  }

  private <T> T inTenantPlanned(
      TenantId tenant, String parallelWorkers, HandleCallback<T, RuntimeException> work) {
    return run(
        h -> {
          // One round trip for all settings; each ends with the transaction.
          h.createQuery(
                  "SELECT set_config('"
                      + TENANT_SETTING
                      + "', :tenant, true) AS tenant,"
                      + " set_config('plan_cache_mode', 'force_custom_plan', true) AS planning,"
                      + " set_config('max_parallel_workers_per_gather',"
                      + " coalesce(:workers, current_setting('max_parallel_workers_per_gather')),"
                      + " true) AS workers")
              .bind("tenant", tenant.value())
              .bind("workers", parallelWorkers)
              .mapToMap()
              .one();
          return work.withHandle(h);
        });
  }

  /** Makes the rest of the current transaction see {@code tenant}'s rows. */
  static void bindTenant(Handle h, TenantId tenant) {
    h.createQuery("SELECT set_config('" + TENANT_SETTING + "', :tenant, true)")
        .bind("tenant", tenant.value())
        .mapTo(String.class)
        .one();
  }

  private <T> T run(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw SqlErrors.translate(e);
    }
  }
}
