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
   * Like {@link #inTenant}, for listings with optional filters (tags, statuses, ranges): the
   * transaction also plans every statement for its actual parameters. A generic plan cannot see how
   * selective a tag or how large a tenant is, and picks plans that are orders of magnitude slower
   * for common values (a bitmap over every tenant's matching tags instead of walking the list
   * index).
   */
  <T> T inTenantPlannedPerQuery(TenantId tenant, HandleCallback<T, RuntimeException> work) {
    return run(
        h -> {
          h.createQuery(
                  "SELECT set_config('"
                      + TENANT_SETTING
                      + "', :tenant, true) AS tenant,"
                      + " set_config('plan_cache_mode', 'force_custom_plan', true) AS planning")
              .bind("tenant", tenant.value())
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
